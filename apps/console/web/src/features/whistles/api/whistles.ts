import { useQuery } from '@tanstack/react-query';
import { correlationHeader, handling, unwrap } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

// handling's OpenAPI document does not describe the whistle view's body yet; named here.
export interface WhistleDepartment {
  readonly departmentCode: string;
  readonly answeredAt: string | null;
  readonly reportedAt: string | null;
  readonly finishedAt: string | null;
  readonly releasedAt: string | null;
  readonly rating: number | null;
  readonly comment: string | null;
}

export interface Whistle {
  readonly whistleId: string;
  readonly caseId: string;
  readonly callerUnitCode: string;
  readonly reason: string;
  readonly needs: string;
  readonly urgency: string;
  readonly blownAt: string;
  readonly departments: readonly WhistleDepartment[];
}

export interface WhistleOutcome {
  readonly whistleId?: string;
  readonly version?: number;
  readonly events?: readonly (string | { readonly type: string })[];
}

export function useWhistle(whistleId: string) {
  return useQuery({
    queryKey: ['whistle', whistleId],
    queryFn: () => unwrap<Whistle>(handling.GET('/api/v1/whistles/{whistleId}', { params: { path: { whistleId } } })),
    refetchInterval: POLL_MS,
    retry: false,
  });
}

export const departmentCommands = {
  answer: (whistleId: string) => unwrap<WhistleOutcome>(handling.POST('/api/v1/whistles/{whistleId}/answer', { params: { path: { whistleId }, header: correlationHeader() } })),
  reportOnSite: (whistleId: string) => unwrap<WhistleOutcome>(handling.POST('/api/v1/whistles/{whistleId}/report-on-site', { params: { path: { whistleId }, header: correlationHeader() } })),
  finishPart: (whistleId: string) => unwrap<WhistleOutcome>(handling.POST('/api/v1/whistles/{whistleId}/finish-part', { params: { path: { whistleId }, header: correlationHeader() } })),
};

export const callerCommands = {
  release: (whistleId: string, departmentCode: string) =>
    unwrap<WhistleOutcome>(handling.POST('/api/v1/whistles/{whistleId}/departments/{departmentCode}/release', { params: { path: { whistleId, departmentCode }, header: correlationHeader() } })),
  rate: (whistleId: string, departmentCode: string, rating: number, comment: string) =>
    unwrap<WhistleOutcome>(
      handling.POST('/api/v1/whistles/{whistleId}/departments/{departmentCode}/rating', { params: { path: { whistleId, departmentCode }, header: correlationHeader() }, body: { rating, comment } }),
    ),
  blow: (caseId: string, body: { calledDepartmentCodes: string[]; reason: string; needs: string; urgency: 'normal' | 'urgent' | 'emergency' }) =>
    unwrap<WhistleOutcome>(handling.POST('/api/v1/cases/{caseId}/whistles', { params: { path: { caseId }, header: correlationHeader() }, body })),
};
