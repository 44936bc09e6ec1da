/**
 * The data of the other services' events that handling reads, as agreed in the event catalogue.
 * Only the fields handling uses; every consumer ignores what it does not know.
 */

export interface ReceivedData {
  readonly caseId: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly description: string;
  readonly location: { readonly address?: string; readonly townshipCode?: string };
  readonly receivedAt: string;
}

export interface DispatchedData {
  readonly caseId: string;
  readonly primaryUnitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly categoryCode: string;
  readonly urgency: string;
  readonly townshipCode?: string;
  readonly dispatchedAt: string;
  readonly redispatch?: boolean;
  readonly assignments?: readonly { readonly unitCode: string; readonly role: 'lead' | 'co-handler'; readonly part?: string }[];
}

export interface UnitRulingData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason?: string;
}

/** evaluation's case.reopened.v1: the unit handles the case again (重办). */
export interface ReopenedData {
  readonly caseId: string;
  readonly unitCode: string;
  readonly reason: string;
  readonly redoCount: number;
}

export interface TransferApprovedData {
  readonly caseId: string;
  readonly fromUnitCode: string;
  readonly reason: string;
}

export interface ExtensionApprovedData extends UnitRulingData {
  readonly extraWorkingDays: number;
}

export interface DeadlineData {
  readonly caseId: string;
  readonly clock: string;
  readonly unitCode?: string;
  readonly deadline: string;
}

export interface WarningData extends DeadlineData {
  readonly level: 'yellow' | 'orange';
}

/** The units a dispatch assigns, with their roles: explicit assignments, else primary = lead and cooperating = co-handlers. */
export function assignedUnits(d: DispatchedData): { unitCode: string; role: 'lead' | 'co-handler'; part?: string }[] {
  if (d.assignments && d.assignments.length > 0) return d.assignments.map((a) => ({ unitCode: a.unitCode, role: a.role, ...(a.part !== undefined && { part: a.part }) }));
  return [
    { unitCode: d.primaryUnitCode, role: 'lead' },
    ...d.cooperatingUnitCodes.filter((c) => c !== d.primaryUnitCode).map((unitCode) => ({ unitCode, role: 'co-handler' as const })),
  ];
}

export interface WhistleAnswerOverdueData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
  readonly deadline: string;
}

export interface WhistleEscalatedData {
  readonly caseId: string;
  readonly whistleId: string;
  readonly departmentCode: string;
  readonly supervisingUnitCode: string;
}
