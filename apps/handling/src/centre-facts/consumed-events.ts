/**
 * The data of the other services' events that handling reads: the producers' own types from
 * libs/contracts, under the short names handling's consumer uses.
 */
import type {
  CaseDeadlineSetData,
  CaseDispatchedData,
  CaseExtensionApprovedData,
  CaseReceivedData,
  CaseReopenedData,
  CaseTransferApprovedData,
  CaseWarningIssuedData,
} from '@county/contracts';

export type { WhistleAnswerDeadlineSetData, WhistleAnswerOverdueData, WhistleEscalatedData } from '@county/contracts';
export type ReceivedData = CaseReceivedData;
export type DispatchedData = CaseDispatchedData;
export type ReopenedData = CaseReopenedData;
export type TransferApprovedData = CaseTransferApprovedData;
export type ExtensionApprovedData = CaseExtensionApprovedData;
export type DeadlineData = CaseDeadlineSetData;
export type WarningData = CaseWarningIssuedData;

export interface UnitRulingData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason?: string;
}

/** The units a dispatch assigns, with their roles: explicit assignments, else primary = lead and cooperating = co-handlers. */
export function assignedUnits(d: Pick<DispatchedData, 'primaryUnitCode' | 'cooperatingUnitCodes' | 'assignments'>): { unitCode: string; role: 'lead' | 'co-handler'; part?: string }[] {
  if (d.assignments && d.assignments.length > 0) return d.assignments.map((a) => ({ unitCode: a.unitCode, role: a.role, ...(a.part !== undefined && { part: a.part }) }));
  return [
    { unitCode: d.primaryUnitCode, role: 'lead' },
    ...d.cooperatingUnitCodes.filter((c) => c !== d.primaryUnitCode).map((unitCode) => ({ unitCode, role: 'co-handler' as const })),
  ];
}

