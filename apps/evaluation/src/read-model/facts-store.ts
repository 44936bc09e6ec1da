import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { CloudEvent } from '@county/contracts';
import { defaultCalendar } from '@county/reference';
import { executeCommand, inTransaction, type EventStore } from '@county/event-store';
import { EVENT_STORE, PG_POOL } from '@county/service-kit';
import { categoryAndPlace, emptyFacts, evolveFacts, isMergedAway, stageOf, type CaseFacts } from '../domain/case-facts';
import { contributionsOf } from '../domain/kpis';
import { stratumOf } from '../domain/fair-ranking';
import { baselineOf, hotspot, hotspotStreamId, isSpike, monthsBefore } from '../domain/hot-issues';
import { EVALUATION_SETTINGS, type EvaluationSettings } from '../settings';

/** Types that are not about one case (the list, hotspots, proactive tasks, monthly topics): kept raw, but not folded into case facts. */
const NOT_CASE_EVENTS = /^(responsibility-list\.|hotspot\.|proactive-task\.|monthly-topic\.)/;

export interface ConsumeOptions {
  /** Live consumption looks for hotspots on each new case; a rebuild does not emit anything. */
  readonly detectHotspots: boolean;
}

/**
 * Keeps the facts of every case and the KPI rows derived from them, event by event. The raw
 * event table is the idempotency key (an event already there changes nothing) and the source
 * of a rebuild.
 */
@Injectable()
export class FactsStore {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVALUATION_SETTINGS) private readonly settings: EvaluationSettings,
  ) {}

  /** Records the event raw and folds it in; false when it had been consumed before. */
  async consume(db: PoolClient, event: CloudEvent, options: ConsumeOptions): Promise<boolean> {
    const inserted = await db.query(
      `INSERT INTO evaluation.consumed_events (event_id, source, type, subject, event_time, envelope)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.source, event.type, event.subject, event.time, JSON.stringify(event)],
    );
    if (inserted.rowCount === 0) return false;
    await this.apply(db, event, options);
    return true;
  }

  /** Resets every read model and replays the consumed events in the order they were consumed. */
  async rebuild(): Promise<number> {
    return inTransaction(this.pool, async (db) => {
      await db.query('LOCK TABLE evaluation.consumed_events IN EXCLUSIVE MODE');
      await db.query('TRUNCATE evaluation.case_facts, evaluation.kpi_contributions');
      let after = 0;
      let replayed = 0;
      for (;;) {
        const batch = await db.query<{ seq: string; envelope: CloudEvent }>('SELECT seq, envelope FROM evaluation.consumed_events WHERE seq > $1 ORDER BY seq LIMIT 500', [after]);
        if (batch.rows.length === 0) return replayed;
        for (const row of batch.rows) await this.apply(db, row.envelope, { detectHotspots: false });
        after = Number(batch.rows[batch.rows.length - 1].seq);
        replayed += batch.rows.length;
      }
    });
  }

  async loadFacts(db: PoolClient | Pool, caseId: string, forUpdate = false): Promise<CaseFacts | undefined> {
    const r = await db.query<{ facts: CaseFacts }>(`SELECT facts FROM evaluation.case_facts WHERE case_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [caseId]);
    return r.rows[0]?.facts;
  }

  private async apply(db: PoolClient, event: CloudEvent, options: ConsumeOptions): Promise<void> {
    if (NOT_CASE_EVENTS.test(event.type)) return;
    const data = (event.data ?? {}) as { caseId?: unknown };
    const caseId = typeof data.caseId === 'string' && data.caseId ? data.caseId : event.subject;
    await db.query(
      `INSERT INTO evaluation.case_facts (case_id, facts, stage, merged_away, approvals) VALUES ($1, $2, 'open', false, 0) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, JSON.stringify(emptyFacts(caseId))],
    );
    const before = (await this.loadFacts(db, caseId, true)) ?? emptyFacts(caseId);
    const facts = evolveFacts(before, event);
    if (facts === before) return;
    await this.save(db, facts);
    if (options.detectHotspots && event.type === 'case.received.v1' && before.received.length === 0) await this.detectHotspots(db, facts, event);
  }

  private async save(db: PoolClient, facts: CaseFacts): Promise<void> {
    const place = categoryAndPlace(facts);
    const lastApproval = facts.resultsApproved[facts.resultsApproved.length - 1];
    const receivedDay = place.at ? new Date(new Date(place.at).getTime() + defaultCalendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10) : null;
    await db.query(
      `UPDATE evaluation.case_facts SET facts = $2, stage = $3, merged_away = $4, approvals = $5, last_approved_unit = $6, last_approved_at = $7,
              category_code = $8, township_code = $9, community_code = $10, grid_code = $11, received_day = $12, stratum = $13
        WHERE case_id = $1`,
      [facts.caseId, JSON.stringify(facts), stageOf(facts), isMergedAway(facts), facts.resultsApproved.length, lastApproval?.unitCode ?? null, lastApproval?.at ?? null,
        place.categoryCode, place.townshipCode, place.communityCode, place.gridCode, receivedDay, stratumOf(facts)],
    );
    await db.query('DELETE FROM evaluation.kpi_contributions WHERE case_id = $1', [facts.caseId]);
    const rows = contributionsOf(facts, defaultCalendar.utcOffsetMinutes);
    if (rows.length === 0) return;
    await db.query(
      `INSERT INTO evaluation.kpi_contributions (case_id, item, unit_code, metric, day, hit, value)
       SELECT $1, item, unit_code, metric, day, hit, value
         FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::boolean[], $7::float8[]) AS r(item, unit_code, metric, day, hit, value)
       ON CONFLICT DO NOTHING`,
      [facts.caseId, rows.map((r) => r.item), rows.map((r) => r.unitCode), rows.map((r) => r.metric), rows.map((r) => r.day), rows.map((r) => r.hit), rows.map((r) => r.value)],
    );
  }

  /**
   * For the new case's category in its grid and in its community: a hotspot when the month's count is a spike (domain/hot-issues.ts).
   *
   * The consumer folds the cases of different keys side by side, each in its own transaction, and
   * a transaction does not see the cases the others have not committed yet: counted without a
   * lock, five cases arriving together could each count fewer than five and the spike would never
   * be detected. So the count of one category, place and month is taken under a transaction lock
   * on its hotspot stream: whoever counts last sees every case counted before it (committed when
   * its lock was released), its own included. Grid before community in every transaction, so the
   * locks are always taken in the same order.
   */
  private async detectHotspots(db: PoolClient, facts: CaseFacts, cause: CloudEvent): Promise<void> {
    const place = categoryAndPlace(facts);
    if (!place.categoryCode || !place.at) return;
    const month = new Date(new Date(place.at).getTime() + defaultCalendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 7);
    const rule = this.settings.spikeRule;
    const months = [...monthsBefore(month, rule.baselineMonths), month];
    for (const [placeKind, placeCode, column] of [['grid', place.gridCode, 'grid_code'], ['community', place.communityCode, 'community_code']] as const) {
      if (!placeCode) continue;
      const streamId = hotspotStreamId(place.categoryCode, placeCode, month);
      // a hotspot is detected once per category, place and month: once it is, a case of it costs
      // one read of that stream, not a count (in a storm about one problem in one place, every case)
      if ((await this.store.readStream(streamId, db)).version > 0) continue;
      await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`evaluation:${streamId}`]);
      const counted = await db.query<{ month: string; cases: number }>(
        `SELECT to_char(received_day, 'YYYY-MM') AS month, count(*)::int AS cases
           FROM evaluation.case_facts
          WHERE category_code = $1 AND ${column} = $2 AND NOT merged_away AND to_char(received_day, 'YYYY-MM') = ANY($3)
          GROUP BY 1`,
        [place.categoryCode, placeCode, months],
      );
      const counts = new Map(counted.rows.map((r) => [r.month, r.cases]));
      const previousCounts = monthsBefore(month, rule.baselineMonths).map((m) => counts.get(m) ?? 0);
      // the decider decides; the ids it records are read only when the count can be a spike
      if (!isSpike(counts.get(month) ?? 0, baselineOf(previousCounts, rule), rule)) continue;
      const caseIds = (
        await db.query<{ case_id: string }>(
          `SELECT case_id FROM evaluation.case_facts
            WHERE category_code = $1 AND ${column} = $2 AND NOT merged_away AND to_char(received_day, 'YYYY-MM') = $3
            ORDER BY case_id`,
          [place.categoryCode, placeCode, month],
        )
      ).rows.map((r) => r.case_id);
      const now = new Date().toISOString();
      await executeCommand(
        this.store,
        streamId,
        hotspot,
        {
          type: 'DetectHotspot',
          candidate: { categoryCode: place.categoryCode, placeKind, placeCode, period: month, count: caseIds.length, caseIds, detectedAt: now },
          previousCounts,
          rule,
        },
        { time: now, correlationId: cause.correlationid, causationId: cause.id },
        { client: db, subject: streamId, ids: [randomUUID()] },
      );
    }
  }
}
