import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ErrorCodes, DomainError, type CloudEvent, type HotspotDetectedData, type MonthlyTopicChosenData, type ProactiveTaskOpenedData } from '@county/contracts';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, PG_POOL } from '@county/service-kit';
import { communityByCode, defaultCalendar, gridByCode } from '@county/reference';
import { evolveList, initialListState, placeOf, planClock, route, versionAt, type ResponsibilityListEvent, type ResponsibilityListState } from '@county/rules';
import type { Principal } from '@county/auth';
import {
  monthlyTopic,
  monthlyTopicId,
  monthlyTopicStreamId,
  proactiveTask,
  proactiveTaskStreamId,
  taskIdOfHotspot,
  trendMonths,
  trendOf,
  type MonthFigures,
  type ProactiveTaskEvent,
  type Trend,
} from '../domain/governance';
import { periodOf } from '../domain/periods';
import { progressOf, TASK_PROGRESS_EVENT_TYPES, type TaskProgress, type TaskProgressEvent } from './task-progress';

/** A task as opened, and where it stands (the unit's side from handling, the clock from case-worker). */
export interface TaskView extends TaskProgress {
  readonly task: ProactiveTaskOpenedData;
}

export interface TopicView {
  readonly topic: MonthlyTopicChosenData;
  readonly title: string;
}

const PLACE_COLUMN: Record<string, string> = { township: 'township_code', community: 'community_code', grid: 'grid_code' };
const isCentre = (p: Principal) => p.role === 'centre' || p.role === 'admin';

/** Proactive tasks from hotspots and the month's topics: commands, their read rows, and the trend report. */
@Injectable()
export class GovernanceService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The responsibility list as dispatch published it (its events, consumed like every other). */
  private async list(db: PoolClient): Promise<ResponsibilityListState> {
    const r = await db.query<{ envelope: CloudEvent }>(`SELECT envelope FROM evaluation.consumed_events WHERE type LIKE 'responsibility-list.%' ORDER BY seq`);
    return r.rows.reduce((s, row) => evolveList(s, { type: row.envelope.type, data: row.envelope.data } as ResponsibilityListEvent), initialListState);
  }

  async openTask(hotspotId: string, by: Principal): Promise<TaskView> {
    const now = new Date().toISOString();
    const taskId = taskIdOfHotspot(hotspotId);
    await inTransaction(this.pool, async (db) => {
      const h = await db.query<{ data: HotspotDetectedData; event_id: string }>(`SELECT data, event_id FROM evaluation.events WHERE stream_id = $1 AND event_type = 'hotspot.detected.v1'`, [hotspotId]);
      const hotspot = h.rows[0]?.data;
      if (!hotspot) throw new DomainError(ErrorCodes.HOTSPOT_NOT_FOUND, `no hotspot ${hotspotId} was detected`, 'not-found', { field: 'hotspotId' });
      const place = placeOf(hotspot.placeKind === 'grid' ? { gridCode: hotspot.placeCode } : { communityCode: hotspot.placeCode });
      const townshipCode = place.townshipCode ?? (hotspot.placeKind === 'grid' ? gridByCode(hotspot.placeCode)?.townshipCode : communityByCode(hotspot.placeCode)?.townshipCode) ?? null;
      const routing = route(versionAt(await this.list(db), now), hotspot.categoryCode, place);
      // the task's own clock: the category's handling limit, from now (the same planning as a case's)
      const deadline = planClock({ kind: 'start', clock: 'handling', from: now, categoryCode: hotspot.categoryCode, urgency: 'normal' }, defaultCalendar).deadline;
      const streamId = proactiveTaskStreamId(taskId);
      const result = await executeCommand(
        this.store,
        streamId,
        proactiveTask,
        { type: 'OpenTask', taskId, hotspotId, hotspot, townshipCode, routing, deadline, openedBy: by.unitCode, now },
        { time: now, correlationId: randomUUID(), causationId: h.rows[0].event_id },
        { client: db, subject: streamId, ids: [randomUUID()] },
      );
      await this.project(db, result.events as unknown as CloudEvent[]);
    });
    return this.task(taskId, by);
  }

  /** The read row of each task, written with its events. */
  private async project(db: PoolClient, events: readonly CloudEvent[]): Promise<void> {
    for (const e of events) {
      const ev = { type: e.type, data: e.data } as ProactiveTaskEvent;
      if (ev.type === 'proactive-task.opened.v1') {
        await db.query(`INSERT INTO evaluation.proactive_tasks (task_id, unit_code, status, task, deadline, opened_at) VALUES ($1, $2, 'open', $3, $4, $5)`, [ev.data.taskId, ev.data.unitCode, JSON.stringify(ev.data), ev.data.deadline, ev.data.openedAt]);
      }
    }
  }

  async task(taskId: string, by: Principal): Promise<TaskView> {
    const [row] = await this.withProgress(`p.task_id = $1`, [taskId]);
    if (!row) throw new DomainError(ErrorCodes.TASK_NOT_FOUND, `no proactive task ${taskId}`, 'not-found');
    if (!isCentre(by) && row.task.unitCode !== by.unitCode && !row.task.cooperatingUnitCodes.includes(by.unitCode)) throw new DomainError(ErrorCodes.TASK_NOT_YOUR_TASK, `proactive task ${taskId} belongs to ${row.task.unitCode}`, 'forbidden');
    return row;
  }

  /** A unit's tasks (the centre: any unit's, or all); `open` is every task not closed. */
  async tasks(by: Principal, q: { unitCode?: string; status?: 'open' | 'closed' }): Promise<{ tasks: TaskView[] }> {
    const unit = isCentre(by) ? (q.unitCode ?? null) : by.unitCode;
    if (!isCentre(by) && q.unitCode && q.unitCode !== by.unitCode) throw new DomainError(ErrorCodes.TASK_NOT_YOUR_UNIT, `a token of ${by.unitCode} reads only its own tasks`, 'forbidden', { field: 'unitCode' });
    const rows = await this.withProgress(`($1::text IS NULL OR p.unit_code = $1)`, [unit]);
    return { tasks: rows.filter((t) => !q.status || (q.status === 'closed') === (t.status === 'closed')) };
  }

  /**
   * Tasks with where each stands: evaluation's row of the opening, folded with the events of the
   * task's subject that evaluation consumed from handling and case-worker (and its own older ones).
   */
  private async withProgress(where: string, params: unknown[]): Promise<TaskView[]> {
    const r = await this.pool.query<{ task: ProactiveTaskOpenedData; events: TaskProgressEvent[] }>(
      `SELECT p.task, coalesce(jsonb_agg(jsonb_build_object('type', c.type, 'data', c.envelope->'data') ORDER BY c.seq) FILTER (WHERE c.seq IS NOT NULL), '[]'::jsonb) AS events
         FROM evaluation.proactive_tasks p
         LEFT JOIN evaluation.consumed_events c ON c.subject = 'proactive-task-' || p.task_id AND c.type = ANY($${params.length + 1}::text[])
        WHERE ${where} GROUP BY p.task_id ORDER BY min(p.deadline), p.task_id`,
      [...params, TASK_PROGRESS_EVENT_TYPES],
    );
    return r.rows.map((x) => ({ task: x.task, ...progressOf(x.events) }));
  }

  // ---- one topic a month ----

  async chooseTopic(input: { month: string; categoryCode: string; placeKind: MonthlyTopicChosenData['placeKind']; placeCode?: string; title: string }, by: Principal): Promise<TopicView> {
    periodOf('month', input.month);
    const now = new Date().toISOString();
    const placeCode = input.placeCode ?? null;
    const topicId = monthlyTopicId(input.month, input.categoryCode, placeCode);
    const topic: MonthlyTopicChosenData = { topicId, month: input.month, categoryCode: input.categoryCode, placeKind: input.placeKind, placeCode, chosenBy: by.unitCode, chosenAt: now };
    await inTransaction(this.pool, async (db) => {
      const streamId = monthlyTopicStreamId(topicId);
      await executeCommand(this.store, streamId, monthlyTopic, { type: 'ChooseTopic', topic }, { time: now, correlationId: randomUUID(), causationId: topicId }, { client: db, subject: streamId, ids: [randomUUID()] });
      await db.query(`INSERT INTO evaluation.monthly_topics (topic_id, month, topic, title) VALUES ($1, $2, $3, $4)`, [topicId, input.month, JSON.stringify(topic), input.title]);
    });
    return { topic, title: input.title };
  }

  async topics(month?: string): Promise<{ topics: TopicView[] }> {
    const r = await this.pool.query<{ topic: MonthlyTopicChosenData; title: string }>(`SELECT topic, title FROM evaluation.monthly_topics WHERE ($1::text IS NULL OR month = $1) ORDER BY month, topic_id`, [month ?? null]);
    return { topics: r.rows.map((x) => ({ topic: x.topic, title: x.title })) };
  }

  /** A topic's volume, repeat appeals and satisfaction per month, `before` months before to `after` months after its month. */
  async trend(topicId: string, before: number, after: number): Promise<TopicView & Trend> {
    const t = await this.pool.query<{ topic: MonthlyTopicChosenData; title: string }>(`SELECT topic, title FROM evaluation.monthly_topics WHERE topic_id = $1`, [topicId]);
    const found = t.rows[0];
    if (!found) throw new DomainError(ErrorCodes.TOPIC_NOT_FOUND, `no monthly topic ${topicId}`, 'not-found');
    const { topic } = found;
    const months = trendMonths(topic.month, before, after);
    const from = `${months[0].month}-01`;
    const to = periodOf('month', months[months.length - 1].month).to;
    const column = PLACE_COLUMN[topic.placeKind];
    const where = `f.category_code = $1 AND NOT f.merged_away ${column ? `AND f.${column} = $4` : ''}`;
    const params = (extra: unknown[]) => [topic.categoryCode, from, to, ...(column ? [topic.placeCode] : []), ...extra];
    const offset = defaultCalendar.utcOffsetMinutes;
    const volume = await this.pool.query<{ month: string; n: number }>(
      `SELECT to_char(f.received_day, 'YYYY-MM') AS month, count(*)::int AS n FROM evaluation.case_facts f WHERE ${where} AND f.received_day BETWEEN $2 AND $3 GROUP BY 1`,
      params([]),
    );
    const repeats = await this.pool.query<{ month: string; n: number }>(
      `SELECT to_char(((r->>'at')::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => ${offset}), 'YYYY-MM') AS month, count(*)::int AS n
         FROM evaluation.case_facts f, jsonb_array_elements(f.facts->'repeatAppeals') r
        WHERE ${where} AND (((r->>'at')::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => ${offset}))::date BETWEEN $2 AND $3 GROUP BY 1`,
      params([]),
    );
    const visits = await this.pool.query<{ month: string; reached: number; satisfied: number }>(
      `SELECT to_char(k.day, 'YYYY-MM') AS month, count(*)::int AS reached, count(*) FILTER (WHERE k.hit)::int AS satisfied
         FROM evaluation.kpi_contributions k JOIN evaluation.case_facts f ON f.case_id = k.case_id
        WHERE ${where} AND k.metric = 'satisfaction' AND k.day BETWEEN $2 AND $3 GROUP BY 1`,
      params([]),
    );
    const by = <T extends { month: string }>(rows: T[]) => new Map(rows.map((r) => [r.month, r]));
    const v = by(volume.rows);
    const rp = by(repeats.rows);
    const vs = by(visits.rows);
    const figures: MonthFigures[] = months.map(({ month, offset: o }) => {
      const reached = vs.get(month)?.reached ?? 0;
      const satisfied = vs.get(month)?.satisfied ?? 0;
      return { month, offset: o, volume: v.get(month)?.n ?? 0, repeatAppeals: rp.get(month)?.n ?? 0, reached, satisfied, satisfactionRate: reached ? satisfied / reached : null };
    });
    return { ...found, ...trendOf(figures) };
  }
}
