/**
 * Signals, queries and search attributes of CaseWorkflow: safe to import from workflow code,
 * from the Kafka bridge and from tests.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/** A lifecycle event of the case, as the workflow needs it: no personal data. */
export interface CaseSignal {
  readonly eventId: string;
  readonly type: string;
  readonly time: string;
  readonly facts: CaseFacts;
}

/** The non-personal facts an event tells the workflow. */
export interface CaseFacts {
  readonly categoryCode?: string;
  readonly urgency?: string;
  readonly channel?: string;
  readonly townshipCode?: string;
  readonly responsibleUnitCode?: string;
  readonly receivedAt?: string;
}

export interface CaseWorkflowInput {
  readonly caseId: string;
}

export type CaseStatus = 'received' | 'dispatched' | 'closed';

export interface CaseView {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly facts: CaseFacts;
  readonly eventsSeen: number;
}

export const caseEventSignal = defineSignal<[CaseSignal]>('caseEvent');
export const caseViewQuery = defineQuery<CaseView>('caseView');

export const SA = {
  status: defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD),
  category: defineSearchAttributeKey('CaseCategory', SearchAttributeType.KEYWORD),
  urgency: defineSearchAttributeKey('CaseUrgency', SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey('CaseChannel', SearchAttributeType.KEYWORD),
  township: defineSearchAttributeKey('Township', SearchAttributeType.KEYWORD),
  responsibleUnit: defineSearchAttributeKey('ResponsibleUnit', SearchAttributeType.KEYWORD),
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  warningLevel: defineSearchAttributeKey('WarningLevel', SearchAttributeType.KEYWORD),
} as const;
