import type { CaseDispatchedData } from '@county/contracts';

/** The units a dispatch assigns, with their roles: explicit assignments, else primary = lead and cooperating = co-handlers. */
export function assignedUnits(d: Pick<CaseDispatchedData, 'primaryUnitCode' | 'cooperatingUnitCodes' | 'assignments'>): { unitCode: string; role: 'lead' | 'co-handler'; part?: string }[] {
  if (d.assignments && d.assignments.length > 0) return d.assignments.map((a) => ({ unitCode: a.unitCode, role: a.role, ...(a.part !== undefined && { part: a.part }) }));
  return [
    { unitCode: d.primaryUnitCode, role: 'lead' },
    ...d.cooperatingUnitCodes.filter((c) => c !== d.primaryUnitCode).map((unitCode) => ({ unitCode, role: 'co-handler' as const })),
  ];
}
