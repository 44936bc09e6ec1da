import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { fold } from '@county/contracts';
import { inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, Metrics, PG_POOL } from '@county/service-kit';
import type { Principal } from '@county/auth';
import { assertActsForUnit } from '../cases/case-access';
import { proactiveTaskStreamId, proactiveWork, type ProactiveWorkCommand, type ProactiveWorkEvent, type TaskFacts } from '../domain/proactive-task';

export interface TaskCommandOutcome {
  readonly taskId: string;
  readonly unitCode: string;
  readonly version: number;
  readonly events: readonly { readonly id: string; readonly type: string }[];
}

type Build = (ctx: { taskId: string; unitCode: string; task: TaskFacts | null; now: string }) => ProactiveWorkCommand;

/**
 * Runs a unit's commands on a proactive task, each in one transaction: the task's row is locked,
 * its stream folded, the decider asked; the events, the read row and the note's text commit
 * together. A refusal writes nothing.
 */
@Injectable()
export class ProactiveTaskCommands {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  signFor(principal: Principal, taskId: string, correlationId: string): Promise<TaskCommandOutcome> {
    return this.execute(principal, taskId, correlationId, (ctx) => ({ type: 'SignForTask', ...ctx }));
  }

  noteProgress(principal: Principal, taskId: string, text: string, correlationId: string): Promise<TaskCommandOutcome> {
    const noteId = randomUUID();
    return this.execute(principal, taskId, correlationId, (ctx) => ({ type: 'NoteTaskProgress', noteId, ...ctx }), { noteId, kind: 'progress', text });
  }

  reportClosure(principal: Principal, taskId: string, text: string, correlationId: string): Promise<TaskCommandOutcome> {
    const reportId = randomUUID();
    return this.execute(principal, taskId, correlationId, (ctx) => ({ type: 'ReportTaskClosure', reportId, ...ctx }), { noteId: reportId, kind: 'closure', text });
  }

  private async execute(principal: Principal, taskId: string, correlationId: string, build: Build, note?: { noteId: string; kind: 'progress' | 'closure'; text: string }): Promise<TaskCommandOutcome> {
    assertActsForUnit(principal);
    const now = new Date().toISOString();
    const unitCode = principal.unitCode;
    const streamId = proactiveTaskStreamId(taskId);
    const outcome = await inTransaction(this.pool, async (db) => {
      const task = await taskFacts(db, taskId);
      const { events } = await this.store.readStream(streamId, db);
      const state = fold(proactiveWork, events.map((e) => ({ type: e.type, data: e.data }) as ProactiveWorkEvent));
      const decided = proactiveWork.decide(build({ taskId, unitCode, task, now }), state);
      const appended = await this.store.append(streamId, decided, {
        expectedVersion: events.length === 0 ? 'no_stream' : events[events.length - 1].sequence,
        metadata: { time: now, correlationId, causationId: correlationId },
        client: db,
        subject: streamId,
      });
      for (const event of decided) await project(db, event);
      if (note) await db.query(`INSERT INTO handling.proactive_task_notes (note_id, task_id, unit_code, kind, text, noted_at) VALUES ($1, $2, $3, $4, $5, $6)`, [note.noteId, taskId, unitCode, note.kind, note.text, now]);
      return appended;
    });
    for (const e of outcome.events) this.metrics.eventsAppended.inc({ type: e.type });
    return { taskId, unitCode, version: outcome.nextVersion, events: outcome.events.map((e) => ({ id: e.id, type: e.type })) };
  }
}

/** The task as evaluation routed it, locked against a concurrent command on it. */
async function taskFacts(db: PoolClient, taskId: string): Promise<TaskFacts | null> {
  const r = await db.query<{ unit_code: string; deadline: Date }>(`SELECT unit_code, deadline FROM handling.proactive_tasks WHERE task_id = $1 FOR UPDATE`, [taskId]);
  const row = r.rows[0];
  return row ? { unitCode: row.unit_code, deadline: row.deadline.toISOString() } : null;
}

/** The task's read row after one of handling's own events. */
async function project(db: PoolClient, event: ProactiveWorkEvent): Promise<void> {
  switch (event.type) {
    case 'proactive-task.signed-for.v1':
      await db.query(`UPDATE handling.proactive_tasks SET signed_at = $2 WHERE task_id = $1`, [event.data.taskId, event.data.signedAt]);
      return;
    case 'proactive-task.progress-noted.v1':
      await db.query(`UPDATE handling.proactive_tasks SET last_progress_at = $2 WHERE task_id = $1`, [event.data.taskId, event.data.notedAt]);
      return;
    case 'proactive-task.closure-reported.v1':
      await db.query(`UPDATE handling.proactive_tasks SET closed_at = $2, late = $3 WHERE task_id = $1`, [event.data.taskId, event.data.reportedAt, event.data.late]);
      return;
  }
}
