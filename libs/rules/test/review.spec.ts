import { DomainError } from '@county/contracts';
import { BLOCKED_WHILE_UNDER_REVIEW, REVIEW_CLOCKS, submitsReviewedResult, underReviewRefusal, waitsForReview, waitsForReviewSql } from '../src/review';

describe('the review rule', () => {
  it('a result waits for review while more were submitted than ruled on', () => {
    expect(waitsForReview({ submitted: 0, ruled: 0 })).toBe(false);
    expect(waitsForReview({ submitted: 1, ruled: 0 })).toBe(true);
    expect(waitsForReview({ submitted: 1, ruled: 1 })).toBe(false);
    // sent back and submitted again: the second one waits
    expect(waitsForReview({ submitted: 2, ruled: 1 })).toBe(true);
  });

  it('takes a reopen for the approval of every round before it, when the approval has not arrived yet', () => {
    // round 1's result, then the reopen from the return visit; the approval comes later on another topic
    expect(waitsForReview({ submitted: 1, ruled: 0, reopens: 1 })).toBe(false);
    // round 2's result after that reopen waits for its own review
    expect(waitsForReview({ submitted: 2, ruled: 1, reopens: 1 })).toBe(true);
    expect(waitsForReview({ submitted: 2, ruled: 0, reopens: 1 })).toBe(true);
  });

  it('says the same as SQL over the read model counters', () => {
    expect(waitsForReviewSql('COALESCE(t.results, 0)', 'a.result_rulings')).toBe('(COALESCE(t.results, 0) > GREATEST(a.result_rulings, 0))');
    expect(waitsForReviewSql('COALESCE(t.results, 0)', 'a.result_rulings', 'a.redo_count')).toBe('(COALESCE(t.results, 0) > GREATEST(a.result_rulings, a.redo_count))');
  });

  it('reviews the lead unit’s result, not a co-handler’s part', () => {
    expect(submitsReviewedResult('lead')).toBe(true);
    expect(submitsReviewedResult('co-handler')).toBe(false);
  });

  it('refuses what a waiting result blocks with one code', () => {
    for (const blocked of BLOCKED_WHILE_UNDER_REVIEW) {
      const error = underReviewRefusal('c-1', blocked);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe('CASE.RESULT_UNDER_REVIEW');
      expect(error.kind).toBe('conflict');
    }
  });

  it('moves the clocks: submitted starts the review, sent back resumes handling, approved starts the return visit', () => {
    expect(REVIEW_CLOCKS.resultSubmitted).toEqual({ meets: ['handling'], stops: ['sign-for', 'first-contact', 'transfer-window'], starts: 'review' });
    expect(REVIEW_CLOCKS.sentBack).toEqual({ meets: ['review'], stops: [], resumes: 'handling' });
    expect(REVIEW_CLOCKS.approved).toEqual({ meets: ['review'], stops: [], starts: 'return-visit' });
  });
});
