import { DomainError, fold, type ResponsibilityListItem } from '@county/contracts';
import { placeOf, route } from '../src/routing';
import {
  responsibilityList,
  versionAt,
  versionNumbered,
  type ResponsibilityListCommand,
  type ResponsibilityListEvent,
} from '../src/responsibility-list';

const NOW = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-10T00:00:00.000Z';

/** Dongcheng street takes street vending off the county: a duty pushed down to a township. */
const dongchengVending: ResponsibilityListItem = {
  id: 'UM.ORDER.VENDING@QH-DC',
  categoryCode: 'UM.ORDER.VENDING',
  scope: { kind: 'township', townshipCode: 'QH-DC' },
  primary: { level: 'community' },
  cooperating: [{ level: 'township' }],
};

const propose: ResponsibilityListCommand = { type: 'ProposeChange', changeId: 'chg-1', proposedBy: 'QH-URBAN', reason: 'night market', upserts: [dongchengVending], removals: [], now: NOW };
const proposed: ResponsibilityListEvent = {
  type: 'responsibility-list.change-proposed.v1',
  data: { changeId: 'chg-1', proposedBy: 'QH-URBAN', reason: 'night market', baseVersion: 1, upserts: [dongchengVending], removals: [], pushesDown: ['UM.ORDER.VENDING@QH-DC'], proposedAt: NOW },
};
const approved: ResponsibilityListEvent = {
  type: 'responsibility-list.change-approved.v1',
  data: { changeId: 'chg-1', version: 2, effectiveFrom: LATER, approvedBy: 'QH-CENTRE', approvedAt: NOW },
};

function refusal(events: ResponsibilityListEvent[], command: ResponsibilityListCommand): DomainError {
  try {
    responsibilityList.decide(command, fold(responsibilityList, events));
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('the command was not refused');
}

describe('the responsibility list with admission control (准入)', () => {
  it('records a proposal, flagging the duties it pushes down to a lower level', () => {
    expect(responsibilityList.decide(propose, fold(responsibilityList, []))).toEqual([proposed]);
  });

  it('becomes the next version only when the centre approves it, effective from a time', () => {
    expect(responsibilityList.decide({ type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-CENTRE', effectiveFrom: LATER, now: NOW }, fold(responsibilityList, [proposed]))).toEqual([approved]);
    const proposedOnly = fold(responsibilityList, [proposed]);
    expect(proposedOnly.versions.map((v) => v.version)).toEqual([1]);
  });

  it('refuses approval by anyone but the centre, and a proposal by a unit below the county', () => {
    expect(refusal([proposed], { type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-URBAN', effectiveFrom: LATER, now: NOW }).code).toBe('LIST.APPROVAL_NOT_ALLOWED');
    expect(refusal([], { ...propose, proposedBy: 'QH-DC' }).code).toBe('LIST.NOT_A_COUNTY_UNIT');
    const byCentre: ResponsibilityListEvent = { ...proposed, data: { ...proposed.data, proposedBy: 'QH-CENTRE' } } as ResponsibilityListEvent;
    expect(refusal([byCentre], { type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-CENTRE', effectiveFrom: LATER, now: NOW }).code).toBe('LIST.SELF_APPROVAL');
  });

  it('refuses a retroactive change, a change decided twice, and a change that no longer applies', () => {
    expect(refusal([proposed], { type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-CENTRE', effectiveFrom: '2026-03-01T00:00:00.000Z', now: NOW }).code).toBe('LIST.RETROACTIVE');
    expect(refusal([proposed, approved], { type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-CENTRE', effectiveFrom: LATER, now: NOW }).code).toBe('LIST.CHANGE_DECIDED');
    expect(refusal([proposed, approved], { ...propose, changeId: 'chg-2', upserts: [{ ...dongchengVending, id: 'another-id' }] }).code).toBe('LIST.DUPLICATE_SCOPE');
    expect(refusal([], { ...propose, upserts: [], removals: ['nope'] }).code).toBe('LIST.NO_SUCH_ITEM');
    expect(refusal([], { ...propose, upserts: [{ ...dongchengVending, categoryCode: 'UM' }] }).code).toBe('LIST.UNKNOWN_CATEGORY');
    expect(refusal([], { ...propose, upserts: [{ ...dongchengVending, primary: { level: 'county', unitCode: 'QH-NOPE' } }] }).code).toBe('LIST.UNKNOWN_UNIT');
    expect(refusal([], { type: 'RejectChange', changeId: 'nope', rejectedBy: 'QH-CENTRE', reason: 'x', now: NOW }).code).toBe('LIST.NO_SUCH_CHANGE');
  });

  it('records a rejection, after which the change can no longer be approved', () => {
    const rejected = responsibilityList.decide({ type: 'RejectChange', changeId: 'chg-1', rejectedBy: 'QH-CENTRE', reason: 'no staff', now: NOW }, fold(responsibilityList, [proposed]));
    expect(rejected).toEqual([{ type: 'responsibility-list.change-rejected.v1', data: { changeId: 'chg-1', rejectedBy: 'QH-CENTRE', reason: 'no staff', rejectedAt: NOW } }]);
    expect(refusal([proposed, ...rejected], { type: 'ApproveChange', changeId: 'chg-1', approvedBy: 'QH-CENTRE', effectiveFrom: LATER, now: NOW }).code).toBe('LIST.CHANGE_DECIDED');
  });

  it('routes by the version in effect: a change affects only cases routed after it takes effect', () => {
    const state = fold(responsibilityList, [proposed, approved]);
    const grid = { gridCode: 'QH-DC-01-01' };
    const before = route(versionAt(state, '2026-03-09T23:59:59.000Z'), 'UM.ORDER.VENDING', placeOf(grid));
    const after = route(versionAt(state, LATER), 'UM.ORDER.VENDING', placeOf(grid));
    expect(before).toMatchObject({ primaryUnitCode: 'QH-DC', basis: { listVersion: 1, listItemId: 'UM.ORDER.VENDING@urban' } });
    expect(after).toMatchObject({ primaryUnitCode: 'QH-DC-01', cooperatingUnitCodes: ['QH-DC'], basis: { listVersion: 2, listItemId: 'UM.ORDER.VENDING@QH-DC' } });
    // other townships are untouched, and version 1 is still there as it was
    expect(route(versionAt(state, LATER), 'UM.ORDER.VENDING', placeOf({ gridCode: 'QH-XC-01-01' }))).toMatchObject({ basis: { listItemId: 'UM.ORDER.VENDING@urban' } });
    expect(versionNumbered(state, 1)?.items.has('UM.ORDER.VENDING@QH-DC')).toBe(false);
  });
});
