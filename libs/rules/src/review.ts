// Also bundled into the case workflow (its clock moves): it imports nothing but the error class and types.
import { DomainError } from '@county/contracts/src/errors';
import { ErrorCodes } from '@county/contracts/src/error-codes';
import type { CaseClock } from '@county/contracts';

/**
 * The review step (审): what may happen to a case while the unit's result waits for the centre,
 * and what follows from the centre's ruling. One rule, one place: dispatch's decider registers
 * and rules on results with it, handling's decider and inbox refuse and sort with it, and the case
 * workflow moves its clocks by it.
 *
 * - Only the lead unit (主办) submits the result; a co-handler submits its part, which is not reviewed.
 * - One result at a time: a submitted result waits for review until the centre approves it or
 *   sends it back. Results are counted on the unit's side (submitted) and the centre's rulings on
 *   the other (ruled); the result waits while more were submitted than ruled on.
 * - While a result waits, the unit may not submit another one nor ask for a transfer, an extension
 *   or a pause, and the centre may not dispatch the case again: it approves or sends back first.
 * - Sent back: the unit that signed for the case reworks it (it stays signed for), and the
 *   handling clock runs on towards the same deadline.
 * - Approved: the case is resolved for the unit and waits for the return visit (回访); a reopen
 *   (重办) after the return visit starts a new round that is reviewed again.
 */

/** How a review ends. */
export type ReviewRuling = 'approved' | 'sent-back';

/** What a result waiting for review blocks (the refusal is `RESULT_UNDER_REVIEW`). */
export const BLOCKED_WHILE_UNDER_REVIEW = ['result', 'transfer-request', 'extension-request', 'pause-request', 'dispatch'] as const;
export type BlockedWhileUnderReview = (typeof BLOCKED_WHILE_UNDER_REVIEW)[number];

/** The unit's results and the centre's rulings on them, as each side counts them. */
export interface ReviewTally {
  /** Results the unit submitted (each round and each rework counts one). */
  readonly submitted: number;
  /** The centre's rulings on them: approved plus sent back. */
  readonly ruled: number;
  /**
   * How many times the case was reopened for the unit (重办). A reopen to round n follows the
   * return visit of a closed case, so the results of the n rounds before it were approved, even
   * when the approval (dispatch's topic) arrives after the reopen (evaluation's topic).
   */
  readonly reopens?: number;
}

/** A result waits for the centre's review: submitted more often than ruled on (a reopen settles every round before it). */
export function waitsForReview(tally: ReviewTally): boolean {
  return tally.submitted > Math.max(tally.ruled, tally.reopens ?? 0);
}

/**
 * The same rule as a SQL condition over a read model's counters, for queries that sort cases by
 * it (handling's inbox boxes). `submitted`, `ruled` and `reopens` are SQL expressions yielding integers.
 */
export function waitsForReviewSql(submitted: string, ruled: string, reopens = '0'): string {
  return `(${submitted} > GREATEST(${ruled}, ${reopens}))`;
}

/** Whether a unit in this role submits the result that is reviewed (the lead) or its part (a co-handler). */
export function submitsReviewedResult(role: 'lead' | 'co-handler'): boolean {
  return role === 'lead';
}

/** What the review step does to the case's clocks. */
export interface ReviewClockMoves {
  /** Clocks whose wait is over (the state `met`). */
  readonly meets: readonly CaseClock[];
  /** Clocks that no longer matter (the state `stopped`). */
  readonly stops: readonly CaseClock[];
  /** A clock that was met and runs again towards its deadline. */
  readonly resumes?: CaseClock;
  /** The clock that starts, from the instant of the event. */
  readonly starts?: CaseClock;
}

export const REVIEW_CLOCKS: {
  readonly resultSubmitted: ReviewClockMoves;
  readonly sentBack: ReviewClockMoves;
  readonly approved: ReviewClockMoves;
} = {
  /** The result is in: handling is met, the unit's other clocks stop, the centre's review clock starts. */
  resultSubmitted: { meets: ['handling'], stops: ['sign-for', 'first-contact', 'transfer-window'], starts: 'review' },
  /** Rework: the review is met and the handling clock runs on towards the same deadline. */
  sentBack: { meets: ['review'], stops: [], resumes: 'handling' },
  /** Resolved: the review is met and the return-visit clock starts. */
  approved: { meets: ['review'], stops: [], starts: 'return-visit' },
};

/** The refusal of what a result waiting for review blocks (one code and one wording for every service). */
export function underReviewRefusal(caseId: string, blocked: BlockedWhileUnderReview): DomainError {
  return new DomainError(
    ErrorCodes.CASE_RESULT_UNDER_REVIEW,
    `the result of case ${caseId} is with the centre for review: ${blocked === 'dispatch' ? 'rule on it' : 'the centre approves it or sends it back'} first`,
    'conflict',
  );
}
