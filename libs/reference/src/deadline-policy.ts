import policyJson from '../data/v1/deadline-policy.json';
import { leafCategory } from './categories';
import { deepFreeze } from './deep-freeze';
import type { TimeAmount } from './time-amount';
import { isUrgency, type Urgency } from './urgency';

/**
 * The deadline policy (docs/domain.md, "Deadlines, warnings, supervision"): for every leaf category and urgency,
 * how long each step of a case may take, when to warn, when to remind and supervise,
 * and how long an extension may be.
 *
 * A category takes the limits of its profile ('consultation': consultations and
 * requests for help, 3 working days to handle; 'complaint': complaints and reports,
 * 5 working days) for the case's urgency, then its own overrides.
 */

/**
 * The limits, and when each one's clock starts:
 * - signFor: from dispatch to the unit signing for the case (签收);
 * - firstContact: from dispatch to the unit's first contact with the resident;
 * - handling: from dispatch to the reported result (办结); a transfer does not stop it;
 * - transferRequest: from dispatch, the window in which the unit may ask to return the case (退单);
 * - review: from the reported result to the centre's review (审核);
 * - returnVisit: from closing to the call back to the resident (回访);
 * - whistleAnswer: from a township's whistle (吹哨) to the called department's answer (响应).
 */
export const DEADLINE_KINDS = ['signFor', 'firstContact', 'handling', 'transferRequest', 'review', 'returnVisit', 'whistleAnswer'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export type DeadlineLimits = Readonly<Record<DeadlineKind, TimeAmount>>;

/** Who is warned: the person handling the case, and from 75 % also the unit's leader. */
export type WarningRecipient = 'handler' | 'unit-leader';

export interface WarningThreshold {
  /** Share of the time to a deadline after which the warning (预警, yellow light) is raised. */
  readonly fraction: number;
  readonly notify: readonly WarningRecipient[];
}

export interface DeadlinePolicy {
  readonly categoryCode: string;
  readonly urgency: Urgency;
  readonly profile: string;
  readonly limits: DeadlineLimits;
  readonly warnings: readonly WarningThreshold[];
  /** From the missed deadline to the reminder notice (催办通知书), copied to the responsible leader. */
  readonly overdueReminderAfter: TimeAmount;
  /** From the reminder, if the case is still open, to supervision (督办) by the supervision office. */
  readonly supervisionAfter: TimeAmount;
  /** The most an extension (延期) may add to the handling deadline. */
  readonly maxExtension: TimeAmount;
}

export interface DeadlineProfileData {
  readonly description: string;
  readonly normal: DeadlineLimits;
  readonly urgent: DeadlineLimits;
  readonly emergency: DeadlineLimits;
}

export interface CategoryDeadlineData {
  readonly profile: string;
  readonly overrides?: Partial<Record<Urgency, Partial<DeadlineLimits>>>;
}

export interface DeadlinePolicyData {
  readonly version: number;
  readonly warnings: readonly WarningThreshold[];
  readonly overdueReminderAfter: TimeAmount;
  readonly supervisionAfter: TimeAmount;
  readonly maxExtension: TimeAmount;
  readonly profiles: Readonly<Record<string, DeadlineProfileData>>;
  readonly categories: Readonly<Record<string, CategoryDeadlineData>>;
}

const policyData = deepFreeze(policyJson as unknown as DeadlinePolicyData);

export const DEADLINE_POLICY_DATA_VERSION = policyData.version;

/** The raw policy data (profiles and per-category settings), for administration screens. */
export function deadlinePolicyData(): DeadlinePolicyData {
  return policyData;
}

/**
 * The deadline policy of a leaf category at an urgency; undefined when the code is not
 * a leaf category or the category has no policy.
 */
export function deadlinePolicy(categoryCode: string, urgency: Urgency): DeadlinePolicy | undefined {
  if (!isUrgency(urgency) || !leafCategory(categoryCode) || !Object.prototype.hasOwnProperty.call(policyData.categories, categoryCode)) return undefined;
  const setting = policyData.categories[categoryCode];
  const profile = Object.prototype.hasOwnProperty.call(policyData.profiles, setting.profile) ? policyData.profiles[setting.profile] : undefined;
  const base = profile?.[urgency];
  if (!base) return undefined;
  return {
    categoryCode,
    urgency,
    profile: setting.profile,
    limits: { ...base, ...setting.overrides?.[urgency] },
    warnings: policyData.warnings,
    overdueReminderAfter: policyData.overdueReminderAfter,
    supervisionAfter: policyData.supervisionAfter,
    maxExtension: policyData.maxExtension,
  };
}
