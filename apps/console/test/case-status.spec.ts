import { CASE_STATUSES, type CaseStatus as PlatformCaseStatus } from '@county/contracts';
import { finished, type CaseStatus } from '../web/src/features/cases/api/types';

// The console's case status is the platform's one vocabulary (CASE_STATUSES in libs/contracts),
// as the services' OpenAPI documents list it, not a union of its own: a status added to or taken
// from the vocabulary fails the console's typecheck here until the documents say the same.
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
const same: Equal<CaseStatus, PlatformCaseStatus> = true;

describe("the console's case statuses", () => {
  it('are the platform vocabulary; a case is finished once its result is approved or it is closed', () => {
    expect(same).toBe(true);
    expect(CASE_STATUSES.filter((s: CaseStatus) => finished(s))).toEqual(['result-approved', 'closed']);
  });
});
