import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { ErrorCodes, DomainError, type HotspotDetectedData } from '@county/contracts';
import { PG_POOL } from '@county/service-kit';
import { unitByCode } from '@county/reference';
import { figureOf, figuresByUnit, threeRateScore, type Contribution, type Figure, type Metric, type UnitFigures } from '../domain/kpis';
import { rankingReport, type RankingOptions, type RankingReport } from '../domain/fair-ranking';
import { changeOf, previousMonth } from '../domain/hot-issues';
import { periodOf, rollingWindows, type Period, type PeriodKind } from '../domain/periods';
import { EVALUATION_SETTINGS, type EvaluationSettings } from '../settings';

export interface UnitKpis {
  readonly unitCode: string;
  readonly unitKind: string;
  readonly figures: UnitFigures;
  readonly threeRateScore: number | null;
}

export interface HotIssueRow {
  readonly categoryCode: string;
  readonly placeCode: string;
  readonly count: number;
  readonly previousCount: number;
  readonly delta: number;
  readonly ratio: number | null;
  readonly caseIds: readonly string[];
}

export type PlaceKind = 'grid' | 'community' | 'township';
const PLACE_COLUMN: Record<PlaceKind, string> = { grid: 'grid_code', community: 'community_code', township: 'township_code' };

export const unitKindOf = (code: string): string => unitByCode(code)?.kind ?? 'unknown';

/** Reads the KPI rows and case facts and turns them into figures, rankings and hot issues. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVALUATION_SETTINGS) private readonly settings: EvaluationSettings,
  ) {}

  private async contributions(period: Period, unitCode?: string, metric?: Metric): Promise<Contribution[]> {
    const r = await this.pool.query<{ case_id: string; item: string; unit_code: string; metric: Metric; day: string; hit: boolean; value: number | null }>(
      `SELECT case_id, item, unit_code, metric, to_char(day, 'YYYY-MM-DD') AS day, hit, value
         FROM evaluation.kpi_contributions
        WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR unit_code = $3) AND ($4::text IS NULL OR metric = $4)
        ORDER BY unit_code, metric, day, case_id, item`,
      [period.from, period.to, unitCode ?? null, metric ?? null],
    );
    return r.rows.map((x) => ({ caseId: x.case_id, item: x.item, unitCode: x.unit_code, metric: x.metric, day: x.day, hit: x.hit, value: x.value }));
  }

  async kpis(kind: PeriodKind, key: string, unitKind?: string): Promise<{ period: Period; units: UnitKpis[] }> {
    const period = periodOf(kind, key);
    const figures = figuresByUnit(await this.contributions(period));
    const units = [...figures]
      .filter(([code]) => !unitKind || unitKindOf(code) === unitKind)
      .map(([unitCode, f]) => ({
        unitCode,
        unitKind: unitKindOf(unitCode),
        figures: f,
        threeRateScore: threeRateScore({ response: f.response.value, resolution: f.resolution.value, satisfaction: f.satisfaction.value }, this.settings.weights),
      }));
    return { period, units };
  }

  async drillDown(unitCode: string, metric: Metric, kind: PeriodKind, key: string): Promise<{ period: Period; unitCode: string; figure: Figure; rows: Contribution[] }> {
    const period = periodOf(kind, key);
    const rows = await this.contributions(period, unitCode, metric);
    return { period, unitCode, figure: figureOf(metric, rows), rows };
  }

  /** The strata (category|urgency|appealType) of the cases behind KPI rows of a period. */
  private async strata(period: Period): Promise<Map<string, string>> {
    const r = await this.pool.query<{ case_id: string; stratum: string | null }>(
      `SELECT f.case_id, f.stratum FROM evaluation.case_facts f
        WHERE f.case_id IN (SELECT DISTINCT case_id FROM evaluation.kpi_contributions WHERE day BETWEEN $1 AND $2)`,
      [period.from, period.to],
    );
    return new Map(r.rows.flatMap((x) => (x.stratum ? [[x.case_id, x.stratum] as [string, string]] : [])));
  }

  /** The month's ranking: raw and adjusted side by side, intervals, and the lists by the rule (domain/fair-ranking.ts). */
  async ranking(month: string, unitKind?: string, options: RankingOptions = this.settings): Promise<{ period: Period; unitKind: string | null } & RankingReport> {
    const period = periodOf('month', month);
    const rows = await this.contributions(period);
    const report = rankingReport(rows, await this.strata(period), (code) => !unitKind || unitKindOf(code) === unitKind, options);
    return { period, unitKind: unitKind ?? null, ...report };
  }

  private async hotCounts(placeKind: PlaceKind, from: string, to: string): Promise<Map<string, string[]>> {
    const column = PLACE_COLUMN[placeKind];
    if (!column) throw new DomainError(ErrorCodes.HOT_ISSUES_INVALID_PLACE_KIND, `place kind is grid, community or township, got ${placeKind}`, 'invalid');
    const r = await this.pool.query<{ category_code: string; place: string; case_ids: string[] }>(
      `SELECT category_code, ${column} AS place, array_agg(case_id ORDER BY case_id) AS case_ids
         FROM evaluation.case_facts
        WHERE received_day BETWEEN $1 AND $2 AND NOT merged_away AND category_code IS NOT NULL AND ${column} IS NOT NULL
        GROUP BY 1, 2`,
      [from, to],
    );
    return new Map(r.rows.map((x) => [`${x.category_code}\u0000${x.place}`, x.case_ids]));
  }

  private compare(current: Map<string, string[]>, previous: Map<string, string[]>): HotIssueRow[] {
    const keys = new Set([...current.keys(), ...previous.keys()]);
    return [...keys]
      .map((k) => {
        const [categoryCode, placeCode] = k.split('\u0000');
        const caseIds = current.get(k) ?? [];
        const previousCount = previous.get(k)?.length ?? 0;
        return { categoryCode, placeCode, count: caseIds.length, previousCount, ...changeOf(caseIds.length, previousCount), caseIds };
      })
      .sort((a, b) => b.count - a.count || b.delta - a.delta || (a.categoryCode + a.placeCode < b.categoryCode + b.placeCode ? -1 : 1));
  }

  async hotIssuesMonthly(month: string, placeKind: PlaceKind): Promise<{ period: Period; previous: Period; placeKind: PlaceKind; rows: HotIssueRow[] }> {
    const period = periodOf('month', month);
    const previous = periodOf('month', previousMonth(month));
    const rows = this.compare(await this.hotCounts(placeKind, period.from, period.to), await this.hotCounts(placeKind, previous.from, previous.to));
    return { period, previous, placeKind, rows };
  }

  /** The hotspots detected for a month (evaluation's own hotspot.detected.v1 events). */
  async hotspots(month: string): Promise<{ period: Period; hotspots: HotspotDetectedData[] }> {
    const period = periodOf('month', month);
    const r = await this.pool.query<{ data: HotspotDetectedData }>(
      `SELECT data FROM evaluation.events WHERE event_type = 'hotspot.detected.v1' AND data->>'period' = $1 ORDER BY global_position`,
      [month],
    );
    return { period, hotspots: r.rows.map((x) => x.data) };
  }

  async hotIssuesRolling(endDay: string, days: number, placeKind: PlaceKind) {
    const w = rollingWindows(endDay, days);
    const rows = this.compare(await this.hotCounts(placeKind, w.current.from, w.current.to), await this.hotCounts(placeKind, w.previous.from, w.previous.to));
    return { current: w.current, previous: w.previous, placeKind, rows };
  }
}
