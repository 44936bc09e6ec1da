import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError, type CloudEvent } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { defaultCalendar } from '@county/reference';
import { periodOf } from '../domain/periods';
import { whatIf, type WhatIfProposal, type WhatIfReport } from '../domain/what-if';
import { unitKindOf } from '../reports/reports.service';
import { EVALUATION_SETTINGS, type EvaluationSettings } from '../settings';

export interface WhatIfQuestion {
  readonly month: string;
  readonly position?: number;
  readonly unitKind?: string;
  readonly maxCaseIds?: number;
  readonly proposal: WhatIfProposal;
}

/** Types that are not about one case (as the facts store keeps them out of case facts). */
const NOT_CASE_TYPES = '^(responsibility-list|hotspot)\\.';

/**
 * The edge of the what-if replay: reads the events of the period from evaluation's raw event
 * table in one read-only, repeatable-read transaction (so nothing live can be written and every
 * query sees the same snapshot), bounded by a statement timeout and a maximum number of events,
 * and hands them to the pure replay (domain/what-if.ts).
 */
@Injectable()
export class WhatIfService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVALUATION_SETTINGS) private readonly settings: EvaluationSettings,
  ) {}

  async replay(q: WhatIfQuestion): Promise<WhatIfReport> {
    const period = periodOf('month', q.month);
    const offset = defaultCalendar.utcOffsetMinutes;
    const start = new Date(Date.parse(`${period.from}T00:00:00Z`) - offset * 60_000).toISOString();
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await db.query(`SET LOCAL statement_timeout = ${Math.floor(this.settings.whatIf.timeoutMs)}`);
      const head = Number((await db.query<{ head: string | null }>('SELECT max(seq) AS head FROM evaluation.consumed_events')).rows[0].head ?? 0);
      if (q.position !== undefined && q.position > head) {
        throw new DomainError(ErrorCodes.WHAT_IF_POSITION_AHEAD, `position ${q.position} is ahead of the events read so far (${head})`, 'unprocessable', { field: 'position', head });
      }
      const position = q.position ?? head;
      // the cases: every case with an event at or after the start of the period (a KPI row of the
      // period comes from a fact of the period, and no event is older than the fact it tells)
      const scope = `SELECT DISTINCT coalesce(nullif(envelope->'data'->>'caseId', ''), subject) AS case_id
                       FROM evaluation.consumed_events WHERE seq <= $1 AND event_time >= $2 AND type !~ '${NOT_CASE_TYPES}'`;
      const size = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM evaluation.consumed_events
          WHERE seq <= $1 AND type !~ '${NOT_CASE_TYPES}' AND coalesce(nullif(envelope->'data'->>'caseId', ''), subject) IN (${scope})`,
        [position, start],
      );
      const events = Number(size.rows[0].n);
      if (events > this.settings.whatIf.maxEvents) {
        throw new DomainError(ErrorCodes.WHAT_IF_TOO_LARGE, `the period holds ${events} events, more than the ${this.settings.whatIf.maxEvents} a replay reads (EVALUATION_WHAT_IF_MAX_EVENTS)`, 'unprocessable', { field: 'month', events });
      }
      const caseEvents = await db.query<{ envelope: CloudEvent }>(
        `SELECT envelope FROM evaluation.consumed_events
          WHERE seq <= $1 AND type !~ '${NOT_CASE_TYPES}' AND coalesce(nullif(envelope->'data'->>'caseId', ''), subject) IN (${scope})
          ORDER BY seq`,
        [position, start],
      );
      const listEvents = await db.query<{ envelope: CloudEvent }>(`SELECT envelope FROM evaluation.consumed_events WHERE seq <= $1 AND type LIKE 'responsibility-list.%' ORDER BY seq`, [position]);
      await db.query('COMMIT');
      return whatIf({
        period,
        position,
        listEvents: listEvents.rows.map((r) => ({ type: r.envelope.type, data: r.envelope.data })),
        caseEvents: caseEvents.rows.map((r) => r.envelope),
        proposal: q.proposal,
        live: this.settings,
        utcOffsetMinutes: offset,
        maxCaseIds: q.maxCaseIds ?? 1000,
        ...(q.unitKind && { include: (code: string) => unitKindOf(code) === q.unitKind }),
      });
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      if ((e as { code?: string }).code === '57014') {
        throw new DomainError(ErrorCodes.WHAT_IF_TOO_LONG, `reading the period took longer than ${this.settings.whatIf.timeoutMs} ms (EVALUATION_WHAT_IF_TIMEOUT_MS)`, 'unprocessable', { field: 'month' });
      }
      throw e;
    } finally {
      db.release();
    }
  }
}
