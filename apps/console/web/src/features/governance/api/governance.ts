import { useQuery } from '@tanstack/react-query';
import { correlationHeader, evaluation, handling, unwrap } from '../../../lib/api/client';
import type { components as EvaluationSchemas } from '../../../lib/api/generated/evaluation';
import type { components as HandlingSchemas } from '../../../lib/api/generated/handling';
import { POLL_MS } from '../../../lib/ui';

/** Governance before the call: the answers these screens read, as the services' OpenAPI documents describe them. */
export type CentreTask = EvaluationSchemas['schemas']['TaskViewSchema'];
export type UnitTask = HandlingSchemas['schemas']['ProactiveTaskRow'];
export type UnitTaskView = HandlingSchemas['schemas']['ProactiveTaskView'];
export type RankingAnswer = EvaluationSchemas['schemas']['RankingResponseSchema'];
export type Topic = EvaluationSchemas['schemas']['TopicViewSchema'];
export type Trend = EvaluationSchemas['schemas']['TrendSchema'];
export type WhatIfRequest = EvaluationSchemas['schemas']['WhatIfRequestDto'];
export type WhatIfReport = EvaluationSchemas['schemas']['WhatIfResponseSchema'];
export type Hotspot = { readonly categoryCode: string; readonly placeKind: string; readonly placeCode: string; readonly period: string; readonly count: number; readonly baseline: number; readonly caseIds: readonly string[] };

/** The centre's view of every task (evaluation): where each stands. */
export function useCentreTasks() {
  return useQuery({ queryKey: ['governance', 'tasks'], queryFn: () => unwrap<{ tasks: CentreTask[] }>(evaluation.GET('/api/v1/proactive-tasks', {})), refetchInterval: POLL_MS });
}

/** A unit's open tasks, from its inbox in handling (box=proactive-tasks). */
export function useUnitTasks() {
  return useQuery({
    queryKey: ['governance', 'unit-tasks'],
    // box=proactive-tasks answers proactive-task rows only (the page's schema is the union of the boxes' rows)
    queryFn: async () => (await unwrap(handling.GET('/api/v1/inbox', { params: { query: { box: 'proactive-tasks', limit: 100 } } }))) as { items: UnitTask[] },
    refetchInterval: POLL_MS,
  });
}

export function useUnitTask(taskId: string | undefined) {
  return useQuery({
    queryKey: ['governance', 'unit-task', taskId],
    queryFn: () => unwrap<UnitTaskView>(handling.GET('/api/v1/proactive-tasks/{taskId}', { params: { path: { taskId: taskId ?? '' } } })),
    enabled: Boolean(taskId),
    refetchInterval: POLL_MS,
  });
}

export function useHotspots(month: string) {
  return useQuery({ queryKey: ['governance', 'hotspots', month], queryFn: () => unwrap(evaluation.GET('/api/v1/hotspots', { params: { query: { month } } })), refetchInterval: POLL_MS });
}

export function useFairRanking(month: string) {
  return useQuery({ queryKey: ['governance', 'ranking', month], queryFn: () => unwrap(evaluation.GET('/api/v1/rankings', { params: { query: { month } } })), refetchInterval: 5000 });
}

export function useTopics() {
  return useQuery({ queryKey: ['governance', 'topics'], queryFn: () => unwrap<{ topics: Topic[] }>(evaluation.GET('/api/v1/monthly-topics', {})), refetchInterval: 5000 });
}

export function useTrend(topicId: string | undefined) {
  return useQuery({
    queryKey: ['governance', 'trend', topicId],
    queryFn: () => unwrap<Trend>(evaluation.GET('/api/v1/monthly-topics/{topicId}/trend', { params: { path: { topicId: topicId ?? '' }, query: {} } })),
    enabled: Boolean(topicId),
    refetchInterval: 5000,
  });
}

/** The hotspot's stream id, as evaluation names it (the id a task is opened from). */
export const hotspotIdOf = (h: Hotspot) => `hotspot-${h.categoryCode}-${h.placeCode}-${h.period}`;

type Outcome = HandlingSchemas['schemas']['ProactiveTaskCommandOutcome'];

/** The unit's commands on a task (handling) and the centre's opening of one (evaluation). */
export const taskCommands = {
  open: (hotspotId: string) => unwrap<CentreTask>(evaluation.POST('/api/v1/proactive-tasks', { body: { hotspotId } })),
  signFor: (taskId: string) => unwrap<Outcome>(handling.POST('/api/v1/proactive-tasks/{taskId}/sign-for', { params: { path: { taskId }, header: correlationHeader() } })),
  note: (taskId: string, text: string) => unwrap<Outcome>(handling.POST('/api/v1/proactive-tasks/{taskId}/progress-notes', { params: { path: { taskId }, header: correlationHeader() }, body: { text } })),
  close: (taskId: string, text: string) => unwrap<Outcome>(handling.POST('/api/v1/proactive-tasks/{taskId}/closure-report', { params: { path: { taskId }, header: correlationHeader() }, body: { text } })),
  chooseTopic: (body: EvaluationSchemas['schemas']['ChooseTopicDto']) => unwrap<Topic>(evaluation.POST('/api/v1/monthly-topics', { body })),
  whatIf: (body: WhatIfRequest) => unwrap<WhatIfReport>(evaluation.POST('/api/v1/what-if', { body })),
};
