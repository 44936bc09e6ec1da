/**
 * The clocks of a case, planned from the deadline policy and the working calendar of
 * @county/reference. Pure: every instant comes in as an argument and goes out as an ISO string.
 *
 * A plan is what a clock will do if nothing happens: its deadline and the points in time at which
 * it warns (50 %, 75 %), turns overdue (100 %), reminds (the next working day) and hands the case
 * to the level above (5 working days later). The case workflow gets plans from a local activity,
 * so that the instants are recorded in the workflow's history and a replay never recomputes them
 * with a newer calendar.
 */
import type { CaseClock } from '@county/contracts';
import {
  addWorkingDays,
  centreUnit,
  addWorkingTime,
  clockOf,
  deadlineFor,
  deadlinePolicy,
  deadlinePolicyData,
  defaultCalendar,
  fractionPoint,
  isUrgency,
  supervisionUnit,
  unitByCode,
  workingTimeBetween,
  type DeadlineKind,
  type DeadlinePolicy,
  type TimeAmount,
  type Urgency,
  type WorkingCalendar,
} from '@county/reference';

/** What a clock does at a point in time. */
export type Stage = 'yellow' | 'orange' | 'overdue' | 'reminder' | 'supervision';

export interface PlanPoint {
  readonly stage: Stage;
  readonly at: string;
  /** Warnings: the share of the time elapsed and who is told. */
  readonly fraction?: number;
  readonly notify?: readonly ('handler' | 'unit-leader')[];
}

export interface ClockPlan {
  readonly clock: CaseClock;
  readonly unitCode?: string;
  readonly startedAt: string;
  readonly deadline: string;
  /** Natural time (minutes, hours) or working time. */
  readonly natural: boolean;
  readonly points: readonly PlanPoint[];
  /** Who supervises the unit when the case stays overdue (督办): the level above. */
  readonly supervisingUnitCode: string;
  /** For showing instants in local time. */
  readonly utcOffsetMinutes: number;
}

export interface CasePolicyKey {
  readonly categoryCode?: string;
  readonly urgency?: string;
}

export type PlanRequest =
  | ({ readonly kind: 'start'; readonly clock: CaseClock; readonly unitCode?: string; readonly from: string } & CasePolicyKey)
  | ({ readonly kind: 'extend'; readonly plan: ClockPlan; readonly extraWorkingDays: number } & CasePolicyKey)
  | { readonly kind: 'resume'; readonly plan: ClockPlan; readonly pausedAt: string; readonly resumedAt: string }
  | { readonly kind: 'reassign'; readonly plan: ClockPlan; readonly unitCode?: string };

export interface WhistlePlan {
  readonly deadline: string;
  /** The warnings before the deadline (50 % and 75 % of the time); absent in plans made before the whistle's clock warned. */
  readonly warnings?: readonly PlanPoint[];
  readonly supervisingUnitCode: string;
  readonly utcOffsetMinutes: number;
}

const LIMIT_OF: Record<CaseClock, DeadlineKind> = {
  'sign-for': 'signFor',
  'first-contact': 'firstContact',
  handling: 'handling',
  'transfer-window': 'transferRequest',
  review: 'review',
  'return-visit': 'returnVisit',
};

/** The profile a category without a policy of its own falls back on: the stricter of the two. */
const FALLBACK_PROFILE = 'complaint';

/**
 * Where the deadline policy of a category and urgency comes from: the reference data's (live), or
 * a proposal's in a what-if replay. Undefined: the category has no policy of its own.
 */
export type PolicySource = (categoryCode: string, urgency: Urgency) => DeadlinePolicy | undefined;

/** The policy of a case; a category without one gets the complaint profile, so no case runs without deadlines. */
export function policyOf(key: CasePolicyKey, source: PolicySource = deadlinePolicy): DeadlinePolicy {
  const urgency: Urgency = isUrgency(key.urgency) ? key.urgency : 'normal';
  const own = key.categoryCode ? source(key.categoryCode, urgency) : undefined;
  if (own) return own;
  const data = deadlinePolicyData();
  return {
    categoryCode: key.categoryCode ?? 'unknown',
    urgency,
    profile: FALLBACK_PROFILE,
    limits: data.profiles[FALLBACK_PROFILE][urgency],
    warnings: data.warnings,
    overdueReminderAfter: data.overdueReminderAfter,
    supervisionAfter: data.supervisionAfter,
    maxExtension: data.maxExtension,
  };
}

export function planClock(request: PlanRequest, calendar: WorkingCalendar = defaultCalendar, source: PolicySource = deadlinePolicy): ClockPlan {
  switch (request.kind) {
    case 'start': {
      const policy = policyOf(request, source);
      const limit = policy.limits[LIMIT_OF[request.clock]];
      const from = new Date(request.from);
      const deadline = deadlineFor(limit, from, calendar);
      // the review and the return visit are the centre's own clocks
      const unitCode = request.unitCode ?? (request.clock === 'review' || request.clock === 'return-visit' ? centreUnit().code : undefined);
      return plan(request.clock, unitCode, from, deadline, clockOf(limit.unit) === 'natural', policy, calendar);
    }
    case 'extend': {
      const policy = policyOf(request, source);
      const previous = request.plan;
      const deadline = addWorkingDays(new Date(previous.deadline), request.extraWorkingDays, calendar);
      return plan(previous.clock, previous.unitCode, new Date(previous.startedAt), deadline, previous.natural, policy, calendar);
    }
    case 'reassign': {
      // a transfer: the same clock, now of another unit (and of that unit's level above)
      const { unitCode, ...rest } = request.plan;
      return { ...rest, ...(request.unitCode ? { unitCode: request.unitCode } : unitCode ? { unitCode } : {}), supervisingUnitCode: supervisingUnitOf(request.unitCode ?? unitCode) };
    }
    case 'resume': {
      const previous = request.plan;
      const pausedAt = new Date(request.pausedAt);
      const resumedAt = new Date(request.resumedAt);
      const shift = previous.natural
        ? (t: string) => new Date(Date.parse(t) + Math.max(0, resumedAt.getTime() - pausedAt.getTime())).toISOString()
        : (t: string) => {
            const minutes = Math.max(0, workingTimeBetween(pausedAt, resumedAt, calendar, 'working-minutes'));
            return addWorkingTime(new Date(t), { value: minutes, unit: 'working-minutes' }, calendar).toISOString();
          };
      return {
        ...previous,
        deadline: shift(previous.deadline),
        points: previous.points.map((p) => (Date.parse(p.at) > pausedAt.getTime() ? { ...p, at: shift(p.at) } : p)),
      };
    }
  }
}

/** The answer deadline of a whistle: from the policy (urgent 30 minutes, otherwise 2 working hours). */
export function planWhistle(input: { readonly from: string } & CasePolicyKey, calendar: WorkingCalendar = defaultCalendar): WhistlePlan {
  const policy = policyOf(input);
  const limit = policy.limits.whistleAnswer;
  const from = new Date(input.from);
  const deadline = deadlineFor(limit, from, calendar);
  return {
    deadline: deadline.toISOString(),
    warnings: warningsOf(from, deadline, clockOf(limit.unit) === 'natural', policy, calendar),
    supervisingUnitCode: supervisionUnit().code,
    utcOffsetMinutes: calendar.utcOffsetMinutes,
  };
}

/** The level above a unit: a grid's community, a community's township; above a township or a county department, the county's supervision office. */
export function supervisingUnitOf(unitCode: string | undefined): string {
  const parent = unitCode ? unitByCode(unitCode)?.parentCode : undefined;
  return parent ?? supervisionUnit().code;
}

function plan(clock: CaseClock, unitCode: string | undefined, from: Date, deadline: Date, natural: boolean, policy: DeadlinePolicy, calendar: WorkingCalendar): ClockPlan {
  const points: PlanPoint[] = [];
  // the transfer window only closes: nobody is warned or reminded about a right not used
  if (clock !== 'transfer-window') {
    points.push(...warningsOf(from, deadline, natural, policy, calendar));
    const reminder = addAmount(deadline, policy.overdueReminderAfter, calendar);
    const supervision = addAmount(reminder, policy.supervisionAfter, calendar);
    points.push({ stage: 'overdue', at: deadline.toISOString() });
    points.push({ stage: 'reminder', at: reminder.toISOString() });
    points.push({ stage: 'supervision', at: supervision.toISOString() });
  }
  return {
    clock,
    ...(unitCode ? { unitCode } : {}),
    startedAt: from.toISOString(),
    deadline: deadline.toISOString(),
    natural,
    points,
    supervisingUnitCode: supervisingUnitOf(unitCode),
    utcOffsetMinutes: calendar.utcOffsetMinutes,
  };
}

/** The warning points of the policy (yellow at 50 %, orange at 75 %) between a start and a deadline. */
function warningsOf(from: Date, deadline: Date, natural: boolean, policy: DeadlinePolicy, calendar: WorkingCalendar): PlanPoint[] {
  const safeDeadline = deadline.getTime() < from.getTime() ? from : deadline;
  return policy.warnings.map((w) => {
    const at = fractionPoint(from, safeDeadline, w.fraction, calendar, natural ? 'natural' : 'working');
    return { stage: w.fraction < 0.75 ? 'yellow' : 'orange', at: at.toISOString(), fraction: w.fraction, notify: [...w.notify] };
  });
}

function addAmount(t: Date, amount: TimeAmount, calendar: WorkingCalendar): Date {
  return addWorkingTime(t, amount, calendar);
}
