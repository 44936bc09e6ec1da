import { useQuery } from '@tanstack/react-query';
import { consoleApi, evaluation, unwrap } from '../../../lib/api/client';
import type { components, operations } from '../../../lib/api/generated/evaluation';
import { POLL_MS } from '../../../lib/ui';

// evaluation's report answers, as its OpenAPI document names them (generated).
type Schemas = components['schemas'];
export type RankingAnswer = Schemas['RankingResponseSchema'];
export type RankedUnit = RankingAnswer['ranking']['units'][number];
export type DrillDownAnswer = Schemas['KpiDrillDown'];
export type HotIssueRow = Schemas['HotIssuesReport']['rows'][number];
export type Hotspot = Schemas['HotspotsReport']['hotspots'][number];

export type Metric = operations['ReportsController_drillDown']['parameters']['query']['metric'];
export type UnitKind = NonNullable<operations['ReportsController_rankings']['parameters']['query']['unitKind']>;
export type PeriodKind = operations['ReportsController_drillDown']['parameters']['query']['period'];

/** This month in county time (Asia/Shanghai), YYYY-MM. */
export function currentMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

export function useRanking(month: string, unitKind: UnitKind | '') {
  return useQuery({
    queryKey: ['ranking', month, unitKind],
    queryFn: () => unwrap(evaluation.GET('/api/v1/rankings', { params: { query: { month, ...(unitKind && { unitKind }) } } })),
    refetchInterval: POLL_MS,
  });
}

export function useDrillDown(unitCode: string, metric: Metric, period: PeriodKind, date: string) {
  return useQuery({
    queryKey: ['drill-down', unitCode, metric, period, date],
    queryFn: () => unwrap(evaluation.GET('/api/v1/kpis/{unitCode}/cases', { params: { path: { unitCode }, query: { metric, period, date } } })),
    refetchInterval: POLL_MS,
  });
}

export function useHotIssues(month: string, placeKind: 'grid' | 'community' | 'township') {
  return useQuery({
    queryKey: ['hot-issues', month, placeKind],
    queryFn: () => unwrap(evaluation.GET('/api/v1/hot-issues/monthly', { params: { query: { month, placeKind } } })),
    refetchInterval: 5000,
  });
}

export function useHotspots(month: string) {
  return useQuery({
    queryKey: ['hotspots', month],
    queryFn: () => unwrap(evaluation.GET('/api/v1/hotspots', { params: { query: { month } } })),
    refetchInterval: 5000,
  });
}

/** A grid of the territory as the console's server gives it (GeoJSON from libs/reference). */
export interface GridFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Polygon'; readonly coordinates: readonly (readonly (readonly number[])[])[] };
  readonly properties: { readonly code: string; readonly kind: string; readonly communityCode: string; readonly townshipCode: string; readonly name: { readonly zh: string; readonly en: string } };
}

export function useTerritory() {
  return useQuery({ queryKey: ['territory'], queryFn: () => consoleApi<{ features: GridFeature[] }>('territory'), staleTime: Infinity });
}
