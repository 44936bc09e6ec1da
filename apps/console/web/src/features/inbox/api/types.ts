// The shapes of handling's inbox answers that the console reads. handling's OpenAPI document does
// not describe its response bodies yet, so these are named here (the query parameters are generated).
export interface DeadlineView {
  readonly clock: string;
  readonly deadline: string;
  readonly warningLevel: string | null;
  readonly overdue: boolean;
}

export interface CaseRow {
  readonly kind: 'case';
  readonly caseId: string;
  readonly role: 'lead' | 'co-handler';
  readonly part: string | null;
  readonly status: string;
  readonly categoryCode: string | null;
  readonly urgency: string | null;
  readonly description: string | null;
  readonly address: string | null;
  readonly assignedAt: string;
  readonly redoCount: number;
  readonly deadlines: readonly DeadlineView[];
}

export interface WhistleRow {
  readonly kind: 'whistle';
  readonly whistleId: string;
  readonly caseId: string;
  readonly callerUnitCode: string;
  readonly reason: string;
  readonly needs: string;
  readonly urgency: string;
  readonly blownAt: string;
  readonly answeredAt: string | null;
  readonly reportedAt: string | null;
  readonly answerDeadline: string | null;
  readonly answerOverdue: boolean;
  readonly categoryCode: string | null;
}

export interface InboxPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
