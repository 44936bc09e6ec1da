import { useQuery } from '@tanstack/react-query';
import { dispatch, handling, intake, unwrap } from '../../../lib/api/client';
import { POLL_MS } from '../../../lib/ui';

export const centreCaseKey = (caseId: string) => ['case', caseId, 'centre'];
export const unitCaseKey = (caseId: string, unitCode?: string) => ['case', caseId, 'unit', unitCode ?? 'mine'];

export function useCentreCase(caseId: string) {
  return useQuery({
    queryKey: centreCaseKey(caseId),
    queryFn: () => unwrap(dispatch.GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })),
    refetchInterval: POLL_MS,
    retry: false,
  });
}

export function useIntakeCase(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'intake'],
    queryFn: () => unwrap(intake.GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })),
    refetchInterval: POLL_MS,
    enabled,
    retry: false,
  });
}

/** The case at a unit: the unit's own view, or (for the centre) the view of the unit named. */
export function useUnitCase(caseId: string, unitCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: unitCaseKey(caseId, unitCode),
    queryFn: () => unwrap(handling.GET('/api/v1/cases/{caseId}', { params: { path: { caseId }, query: unitCode ? { unitCode } : {} } })),
    refetchInterval: POLL_MS,
    enabled,
    retry: false,
  });
}
