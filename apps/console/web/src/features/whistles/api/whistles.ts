import { useQuery } from '@tanstack/react-query';
import { correlationHeader, handling, unwrap } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

import type { components } from '../../../lib/api/generated/handling';

/** A whistle and where each called department stands, as handling's document names them. */
export type Whistle = components['schemas']['WhistleResponse'];
export type WhistleDepartment = components['schemas']['WhistleDepartmentResponse'];
export type WhistleOutcome = components['schemas']['WhistleOutcome'];
type BlowBody = components['schemas']['BlowWhistleDto'];

export function useWhistle(whistleId: string) {
  return useQuery({
    queryKey: ['whistle', whistleId],
    queryFn: () => unwrap(handling.GET('/api/v1/whistles/{whistleId}', { params: { path: { whistleId } } })),
    refetchInterval: POLL_MS,
    retry: false,
  });
}

export const departmentCommands = {
  answer: (whistleId: string) => unwrap(handling.POST('/api/v1/whistles/{whistleId}/answer', { params: { path: { whistleId }, header: correlationHeader() } })),
  reportOnSite: (whistleId: string) => unwrap(handling.POST('/api/v1/whistles/{whistleId}/report-on-site', { params: { path: { whistleId }, header: correlationHeader() } })),
  finishPart: (whistleId: string) => unwrap(handling.POST('/api/v1/whistles/{whistleId}/finish-part', { params: { path: { whistleId }, header: correlationHeader() } })),
};

export const callerCommands = {
  release: (whistleId: string, departmentCode: string) =>
    unwrap(handling.POST('/api/v1/whistles/{whistleId}/departments/{departmentCode}/release', { params: { path: { whistleId, departmentCode }, header: correlationHeader() } })),
  rate: (whistleId: string, departmentCode: string, rating: number, comment: string) =>
    unwrap(
      handling.POST('/api/v1/whistles/{whistleId}/departments/{departmentCode}/rating', { params: { path: { whistleId, departmentCode }, header: correlationHeader() }, body: { rating, comment } }),
    ),
  blow: (caseId: string, body: BlowBody) =>
    unwrap(handling.POST('/api/v1/cases/{caseId}/whistles', { params: { path: { caseId }, header: correlationHeader() }, body })),
};
