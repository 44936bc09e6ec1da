import { dateTime, defineEvent, str, unitCode } from './schema';

/** Events produced by dispatch, the centre (topic county.dispatch.events). */

export interface DispatchBasis {
  /** 'placeholder' until the responsibility list decides; 'list' names the item and version. */
  readonly kind: 'placeholder' | 'list' | 'manual';
  readonly explanation: string;
  readonly listItemId?: string;
  readonly listVersion?: number;
}

export interface CaseDispatchedData {
  readonly caseId: string;
  readonly primaryUnitCode: string;
  readonly cooperatingUnitCodes: readonly string[];
  readonly categoryCode: string;
  readonly urgency: string;
  readonly townshipCode?: string;
  readonly basis: DispatchBasis;
  readonly dispatchedAt: string;
}

export const CaseDispatched = defineEvent({
  type: 'case.dispatched.v1',
  source: 'dispatch',
  summary: 'The centre sent a case to the unit responsible for it (and its cooperating units).',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['caseId', 'primaryUnitCode', 'cooperatingUnitCodes', 'categoryCode', 'urgency', 'basis', 'dispatchedAt'],
    properties: {
      caseId: str,
      primaryUnitCode: unitCode,
      cooperatingUnitCodes: { type: 'array', items: unitCode },
      categoryCode: str,
      urgency: str,
      townshipCode: { type: 'string' },
      basis: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'explanation'],
        properties: {
          kind: { enum: ['placeholder', 'list', 'manual'] },
          explanation: str,
          listItemId: { type: 'string' },
          listVersion: { type: 'integer', minimum: 1 },
        },
      },
      dispatchedAt: dateTime,
    },
  },
});

export type DispatchEvent = { type: typeof CaseDispatched.type; data: CaseDispatchedData };

export const DISPATCH_EVENTS = [CaseDispatched];
