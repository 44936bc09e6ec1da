// The shapes of the case views the console reads. The services' OpenAPI documents do not describe
// these response bodies yet (dispatch, handling and intake GET /api/v1/cases/{caseId}), so they are
// named here; paths, parameters and request bodies are generated.

/** The platform's one vocabulary of case statuses, as libs/contracts CASE_STATUSES names them. */
export type CaseStatus = 'received' | 'in-triage' | 'dispatched' | 'signed-for' | 'transfer-requested' | 'result-submitted' | 'result-approved' | 'reopened' | 'closed';

/** The result was approved (on to the return visit) or the case is closed: nothing left to handle. */
export const finished = (status: CaseStatus): boolean => status === 'result-approved' || status === 'closed';

export interface Pending {
  readonly transfer?: { readonly unitCode: string; readonly reason: string; readonly requestedAt: string };
  readonly review?: { readonly unitCode: string; readonly submittedAt: string };
  readonly extension?: { readonly unitCode: string; readonly extraWorkingDays: number; readonly reason: string };
  readonly pause?: { readonly unitCode: string; readonly reason: string };
}

/** dispatch: the centre's view of a case. */
export interface CentreCase {
  readonly caseId: string;
  readonly version: number;
  readonly state: {
    /** 'none' for a case the centre does not know; otherwise the platform's one vocabulary (libs/contracts CASE_STATUSES). */
    readonly status: 'none' | CaseStatus;
    readonly categoryCode?: string;
    readonly urgency?: string;
    readonly townshipCode?: string;
    readonly reason?: string;
    readonly primaryUnitCode?: string;
    readonly cooperatingUnitCodes?: readonly string[];
    readonly final?: boolean;
    readonly transferCount?: number;
    readonly pending?: Pending;
    readonly paused?: { readonly unitCode: string; readonly since: string };
    readonly resultApproved?: boolean;
    readonly handlingDeadline?: string;
    readonly transferWindowEndsAt?: string;
    readonly resolved?: boolean;
  };
  readonly reopen: { readonly unitCode: string; readonly redoCount: number; readonly reason: string; readonly reopenedAt: string } | null;
  readonly dispatches: readonly {
    readonly primaryUnitCode: string;
    readonly cooperatingUnitCodes: readonly string[];
    readonly basis: Record<string, unknown>;
    readonly dispatchedAt: string;
    readonly redispatch: boolean;
  }[];
  readonly timeline: readonly { readonly type: string; readonly time: string; readonly version: number }[];
}

/** intake: the case as received, with its public timeline. */
export interface IntakeCase {
  readonly caseId: string;
  readonly status: string;
  readonly channel: string;
  readonly categoryCode: string;
  readonly urgency: string;
  readonly receivedAt: string;
  readonly description: string;
  readonly location: { readonly gridCode?: string; readonly communityCode?: string; readonly townshipCode?: string; readonly address?: string };
  readonly responsibleUnit: { readonly code: string; readonly name: string } | null;
  readonly deadline: string | null;
  readonly repeatCount: number;
  readonly timeline: readonly { readonly at: string; readonly step: string; readonly detail: Record<string, unknown> }[];
}

export interface IntakeCaseList {
  readonly items: readonly Omit<IntakeCase, 'timeline' | 'description'>[];
  readonly nextCursor?: string;
}

export interface WhistleDepartment {
  readonly departmentCode: string;
  readonly answeredAt: string | null;
  readonly reportedAt: string | null;
  readonly finishedAt: string | null;
  readonly releasedAt: string | null;
  readonly rating: number | null;
  readonly comment: string | null;
}

export interface WhistleView {
  readonly whistleId: string;
  readonly caseId: string;
  readonly callerUnitCode: string;
  readonly reason: string;
  readonly needs: string;
  readonly urgency: string;
  readonly blownAt: string;
  readonly departments: readonly WhistleDepartment[];
}

/** handling: the case at one unit. */
export interface UnitCase {
  readonly caseId: string;
  readonly unitCode: string;
  readonly role: 'lead' | 'co-handler';
  readonly part: string | null;
  readonly status: CaseStatus;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly description: string | null;
  readonly address: string | null;
  readonly receivedAt: string | null;
  readonly assignedAt: string;
  readonly signedAt: string | null;
  readonly firstContactAt: string | null;
  readonly lastProgressAt: string | null;
  readonly resultSubmittedAt: string | null;
  readonly sentBackReason: string | null;
  readonly redoCount: number;
  readonly reopenedAt: string | null;
  readonly paused: boolean;
  readonly transferredAway: boolean;
  readonly deadlines: readonly { readonly clock: string; readonly deadline: string; readonly warningLevel: string | null; readonly overdue: boolean }[];
  readonly whistles: readonly WhistleView[];
}

/** What a command answers: the resulting version and the events it wrote. */
export interface CommandOutcome {
  readonly caseId: string;
  readonly version: number;
  readonly events: readonly (string | { readonly id: string; readonly type: string })[];
}
