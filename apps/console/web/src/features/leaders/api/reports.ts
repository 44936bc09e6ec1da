import { useQuery } from '@tanstack/react-query';
import { evaluation, unwrap } from '../../../lib/api/client';
import type { operations } from '../../../lib/api/generated/evaluation';
import { POLL_MS } from '../../../lib/ui';

// evaluation's OpenAPI document does not describe these bodies yet; named here (queries are generated).
export interface RankedUnit {
  readonly unitCode: string;
  readonly rank: number | null;
  readonly score: number | null;
  readonly responseRate: number | null;
  readonly resolutionRate: number | null;
  readonly satisfactionRate: number | null;
  readonly volume: number;
}

export interface RankingAnswer {
  readonly period: { readonly key: string };
  readonly weights: Record<string, number> | readonly number[];
  readonly listSize: number;
  readonly ranking: { readonly units: readonly RankedUnit[]; readonly redList: readonly string[]; readonly blackList: readonly string[] };
}

export type Metric = operations['ReportsController_drillDown']['parameters']['query']['metric'];
export type UnitKind = NonNullable<operations['ReportsController_rankings']['parameters']['query']['unitKind']>;
export type PeriodKind = operations['ReportsController_drillDown']['parameters']['query']['period'];

export interface DrillDownAnswer {
  readonly unitCode: string;
  readonly figure: { readonly kind: string; readonly numerator: number; readonly denominator: number; readonly value: number | null };
  readonly rows: readonly { readonly caseId: string; readonly item: string; readonly day: string; readonly hit: boolean; readonly value: number | null }[];
}

export interface HotIssueRow {
  readonly categoryCode: string;
  readonly placeCode: string;
  readonly count: number;
  readonly previousCount: number;
  readonly delta: number;
  readonly caseIds: readonly string[];
}

export interface Hotspot {
  readonly categoryCode: string;
  readonly placeKind: string;
  readonly placeCode: string;
  readonly count: number;
  readonly baseline: number;
  readonly caseIds: readonly string[];
}

/** This month in county time (Asia/Shanghai), YYYY-MM. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

export function useRanking(month: string, unitKind: UnitKind | '') {
  return useQuery({
    queryKey: ['ranking', month, unitKind],
    queryFn: () => unwrap<RankingAnswer>(evaluation.GET('/api/v1/rankings', { params: { query: { month, ...(unitKind && { unitKind }) } } })),
    refetchInterval: POLL_MS,
  });
}

export function useDrillDown(unitCode: string, metric: Metric, period: PeriodKind, date: string) {
  return useQuery({
    queryKey: ['drill-down', unitCode, metric, period, date],
    queryFn: () => unwrap<DrillDownAnswer>(evaluation.GET('/api/v1/kpis/{unitCode}/cases', { params: { path: { unitCode }, query: { metric, period, date } } })),
    refetchInterval: POLL_MS,
  });
}

export function useHotIssues(month: string, placeKind: 'grid' | 'community' | 'township') {
  return useQuery({
    queryKey: ['hot-issues', month, placeKind],
    queryFn: () => unwrap<{ rows: HotIssueRow[] }>(evaluation.GET('/api/v1/hot-issues/monthly', { params: { query: { month, placeKind } } })),
    refetchInterval: 5000,
  });
}

export function useHotspots(month: string) {
  return useQuery({
    queryKey: ['hotspots', month],
    queryFn: () => unwrap<{ hotspots: Hotspot[] }>(evaluation.GET('/api/v1/hotspots', { params: { query: { month } } })),
    refetchInterval: 5000,
  });
}
