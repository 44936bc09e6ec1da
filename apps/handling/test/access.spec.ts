import { DomainError } from '@county/contracts';
import { assertActsForUnit } from '../src/cases/case-access';
import { assignedUnits } from '../src/centre-facts/consumed-events';
import { readableUnit } from '../src/inbox/inbox.controller';

const staff = { userId: 'qh-cg-01.staff-1', unitCode: 'QH-CG-01', role: 'unit-staff' as const };
const leader = { ...staff, userId: 'qh-cg-01.leader', role: 'unit-leader' as const };
const centre = { userId: 'qh-centre.dispatcher-1', unitCode: 'QH-CENTRE', role: 'centre' as const };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
}

describe('who acts and who reads', () => {
  it('lets unit staff and leaders act, the leader alone where asked, and nobody else', () => {
    expect(codeOf(() => assertActsForUnit(staff))).toBeUndefined();
    expect(codeOf(() => assertActsForUnit(staff, { leaderOnly: true }))).toBe('AUTH.LEADER_REQUIRED');
    expect(codeOf(() => assertActsForUnit(leader, { leaderOnly: true }))).toBeUndefined();
    expect(codeOf(() => assertActsForUnit(centre))).toBe('AUTH.ROLE_NOT_ALLOWED');
    expect(codeOf(() => assertActsForUnit({ ...centre, role: 'admin' }))).toBe('AUTH.ROLE_NOT_ALLOWED');
  });
  it("lets a unit read only its own unit, and the centre any unit's", () => {
    expect(readableUnit(staff, undefined)).toBe('QH-CG-01');
    expect(readableUnit(staff, 'QH-CG-01')).toBe('QH-CG-01');
    expect(codeOf(() => readableUnit(staff, 'QH-CG-02'))).toBe('AUTH.NOT_YOUR_UNIT');
    expect(readableUnit(centre, 'QH-CG-02')).toBe('QH-CG-02');
  });
});

describe('the assignment of a dispatch', () => {
  const base = { caseId: 'c', categoryCode: 'UM.ORDER.VENDING', urgency: 'normal', dispatchedAt: '2026-03-02T01:00:00.000Z' };
  it('is the lead and its co-handlers when the dispatch names them', () => {
    expect(
      assignedUnits({ ...base, primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE'], assignments: [{ unitCode: 'QH-CG', role: 'lead' }, { unitCode: 'QH-CG-01', role: 'co-handler', part: 'talk to the stall owners' }] }),
    ).toEqual([{ unitCode: 'QH-CG', role: 'lead' }, { unitCode: 'QH-CG-01', role: 'co-handler', part: 'talk to the stall owners' }]);
  });
  it('is the primary unit as lead and the cooperating units as co-handlers otherwise', () => {
    expect(assignedUnits({ ...base, primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE', 'QH-CG'] })).toEqual([
      { unitCode: 'QH-CG', role: 'lead' },
      { unitCode: 'QH-POLICE', role: 'co-handler' },
    ]);
  });
});
