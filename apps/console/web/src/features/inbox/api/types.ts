// handling's inbox answers, as its OpenAPI document names them (generated; see lib/api/generated).
import type { components } from '../../../lib/api/generated/handling';

export type CaseRow = components['schemas']['UnitCaseRow'];
export type WhistleRow = components['schemas']['WhistleRow'];
export type DeadlineView = CaseRow['deadlines'][number];
export type InboxPage = components['schemas']['InboxPage'];
