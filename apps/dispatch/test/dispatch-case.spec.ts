import { fold, type CaseReceivedData } from '@county/contracts';
import { deciderSpec } from '@county/testing';
import { dispatchCase, foldStream, handlingDeadline, resolved, upcast, type DispatchCaseEvent, type DispatchedState, type Reopen } from '../src/domain/dispatch-case';
import { initialListState as listState, placeOf, route, versionAt } from '@county/rules';

const caseId = 'c-1';
// Monday 2 March 2026, 09:00 China time
const T0 = '2026-03-02T01:00:00.000Z';

const received: CaseReceivedData = {
  caseId,
  channel: 'hotline',
  channelReference: 'HL-1',
  appealType: 'complaint',
  categoryCode: 'UM.ORDER.PARKING',
  urgency: 'normal',
  description: 'cars block the fire lane',
  location: { gridCode: 'QH-CG-04-04', communityCode: 'QH-CG-04', townshipCode: 'QH-CG', resolved: true },
  resident: { anonymous: true },
  receivedAt: T0,
  attachments: [],
};

const dispatchedToCg: DispatchCaseEvent = {
  type: 'case.dispatched.v1',
  data: {
    caseId,
    primaryUnitCode: 'QH-CG',
    cooperatingUnitCodes: ['QH-POLICE'],
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    townshipCode: 'QH-CG',
    basis: { kind: 'list', explanation: 'x', listItemId: 'UM.ORDER.PARKING@urban', listVersion: 1 },
    dispatchedAt: T0,
  },
};

const transferAsked = (at = '2026-03-03T02:00:00.000Z'): DispatchCaseEvent => ({
  type: 'case.transfer-request-registered.v1',
  data: { caseId, unitCode: 'QH-CG', reason: 'not ours', requestedAt: at, windowEndsAt: '2026-03-04T09:30:00.000Z' },
});

const given = deciderSpec(dispatchCase);

describe('routing a received case', () => {
  const v1 = versionAt(listState, T0);

  it('dispatches by the list item and version', () => {
    const routing = route(v1, received.categoryCode, placeOf(received.location));
    given().when({ type: 'RouteReceivedCase', received, routing, now: T0 }).then([
      {
        type: 'case.dispatched.v1',
        data: {
          caseId,
          primaryUnitCode: 'QH-CG',
          cooperatingUnitCodes: ['QH-POLICE'],
          categoryCode: 'UM.ORDER.PARKING',
          urgency: 'normal',
          townshipCode: 'QH-CG',
          basis: { kind: 'list', explanation: expect.stringContaining('UM.ORDER.PARKING@urban') as unknown as string, listItemId: 'UM.ORDER.PARKING@urban', listVersion: 1 },
          dispatchedAt: T0,
        },
      },
    ]);
  });

  it('sends a case no item covers to triage, with the reason', () => {
    const unresolved = { ...received, categoryCode: 'URB-ORDER-PARKING', location: { address: '人民路 12 号', resolved: false } };
    const routing = route(v1, unresolved.categoryCode, placeOf({}));
    given().when({ type: 'RouteReceivedCase', received: unresolved, routing, now: T0 }).then([
      { type: 'case.sent-to-triage.v1', data: { caseId, categoryCode: 'URB-ORDER-PARKING', urgency: 'normal', reason: 'category URB-ORDER-PARKING is not a matter of the catalogue', sentAt: T0 } },
    ]);
  });

  it('routes a case once', () => {
    given(dispatchedToCg).when({ type: 'RouteReceivedCase', received, routing: { kind: 'uncovered', reason: 'x' }, now: T0 }).thenRefused('CASE.ALREADY_ROUTED', 'conflict');
  });
});

describe('manual dispatch, override and joint dispatch', () => {
  const triaged: DispatchCaseEvent = { type: 'case.sent-to-triage.v1', data: { caseId, reason: 'unknown', categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', sentAt: T0 } };

  it('dispatches a case from triage with the reason', () => {
    given(triaged)
      .when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-DC', role: 'lead' }], cooperatingUnitCodes: [], reason: 'the address is in Dongcheng', final: false, now: T0 })
      .then([
        {
          type: 'case.dispatched.v1',
          data: {
            caseId,
            primaryUnitCode: 'QH-DC',
            cooperatingUnitCodes: [],
            categoryCode: 'UM.ORDER.PARKING',
            urgency: 'normal',
            basis: { kind: 'manual', explanation: 'manual dispatch by the centre: the address is in Dongcheng' },
            dispatchedAt: T0,
          },
        },
      ]);
  });

  it('overrides a dispatch (redispatch) and dispatches jointly: one lead, co-handlers with their parts', () => {
    const assignments = [
      { unitCode: 'QH-CG', role: 'lead' as const, part: 'clear the lane' },
      { unitCode: 'QH-POLICE', role: 'co-handler' as const, part: 'tow the cars' },
    ];
    const [event] = dispatchCase.decide(
      { type: 'DispatchManually', assignments, cooperatingUnitCodes: ['QH-FIRE'], reason: 'needs the police', final: true, now: '2026-03-02T02:00:00.000Z' },
      fold(dispatchCase, [dispatchedToCg]),
    );
    expect(event).toEqual({
      type: 'case.dispatched.v1',
      data: expect.objectContaining({ primaryUnitCode: 'QH-CG', cooperatingUnitCodes: ['QH-POLICE', 'QH-FIRE'], redispatch: true, assignments, final: true, basis: { kind: 'manual', explanation: 'override by the centre: needs the police' } }),
    });
  });

  it('refuses a dispatch without exactly one lead, with an unknown unit, or to the centre itself', () => {
    given(triaged).when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-CG', role: 'co-handler' }], cooperatingUnitCodes: [], reason: 'x', final: false, now: T0 }).thenRefused('CASE.ONE_LEAD');
    given(triaged).when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-NOPE', role: 'lead' }], cooperatingUnitCodes: [], reason: 'x', final: false, now: T0 }).thenRefused('CASE.UNKNOWN_UNIT', 'unprocessable');
    given(triaged).when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-CENTRE', role: 'lead' }], cooperatingUnitCodes: [], reason: 'x', final: false, now: T0 }).thenRefused('CASE.NOT_A_HANDLING_UNIT');
    given().when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-CG', role: 'lead' }], cooperatingUnitCodes: [], reason: 'x', final: false, now: T0 }).thenRefused('CASE.NOT_FOUND', 'not-found');
  });

  it('refuses an override while a transfer request waits for a ruling', () => {
    given(dispatchedToCg, transferAsked())
      .when({ type: 'DispatchManually', assignments: [{ unitCode: 'QH-DC', role: 'lead' }], cooperatingUnitCodes: [], reason: 'x', final: false, now: T0 })
      .thenRefused('CASE.TRANSFER_PENDING', 'conflict');
  });
});

describe('transfers (退单)', () => {
  it('registers a request asked within the 2-working-day window', () => {
    given(dispatchedToCg)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-CG', reason: 'not ours', requestedAt: '2026-03-04T09:00:00.000Z' })
      .then([transferAsked('2026-03-04T09:00:00.000Z')]);
  });

  it('refuses a request asked after the window (Wednesday 17:30 for a Monday dispatch)', () => {
    given(dispatchedToCg)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-CG', reason: 'not ours', requestedAt: '2026-03-04T09:31:00.000Z' })
      .then([
        {
          type: 'case.transfer-rejected.v1',
          data: { caseId, unitCode: 'QH-CG', automatic: true, reason: 'asked at 2026-03-04T09:31:00.000Z, after the transfer window closed at 2026-03-04T09:30:00.000Z' },
        },
      ]);
  });

  it("refuses a request from a unit that does not lead the case", () => {
    given(dispatchedToCg)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-POLICE', reason: 'x', requestedAt: T0 })
      .then([{ type: 'case.transfer-rejected.v1', data: { caseId, unitCode: 'QH-POLICE', automatic: true, reason: 'QH-POLICE is not the lead unit of the case (QH-CG)' } }]);
  });

  it('approves a transfer: counted, and re-dispatched without restarting the clock', () => {
    const now = '2026-03-03T03:00:00.000Z';
    given(dispatchedToCg, transferAsked())
      .when({ type: 'ApproveTransfer', toUnitCode: 'QH-URBAN', cooperatingUnitCodes: ['QH-CG'], reason: 'county road', now })
      .then([
        { type: 'case.transfer-approved.v1', data: { caseId, fromUnitCode: 'QH-CG', reason: 'county road', transferCount: 1, toUnitCode: 'QH-URBAN' } },
        {
          type: 'case.dispatched.v1',
          data: {
            caseId,
            primaryUnitCode: 'QH-URBAN',
            cooperatingUnitCodes: ['QH-CG'],
            categoryCode: 'UM.ORDER.PARKING',
            urgency: 'normal',
            townshipCode: 'QH-CG',
            basis: { kind: 'transfer', explanation: 'transfer 1 from QH-CG approved by the centre: county road' },
            dispatchedAt: now,
            redispatch: true,
          },
        },
      ]);
    const after = fold(dispatchCase, [dispatchedToCg, transferAsked(), ...dispatchCase.decide({ type: 'ApproveTransfer', toUnitCode: 'QH-URBAN', cooperatingUnitCodes: [], reason: 'r', now }, fold(dispatchCase, [dispatchedToCg, transferAsked()]))]) as DispatchedState;
    expect(after.firstDispatchedAt).toBe(T0);
    expect(handlingDeadline(after).toISOString()).toBe('2026-03-09T09:30:00.000Z');
  });

  it('rejects a transfer: the unit keeps the case', () => {
    given(dispatchedToCg, transferAsked())
      .when({ type: 'RejectTransfer', reason: 'it is yours by the list', now: T0 })
      .then([{ type: 'case.transfer-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'it is yours by the list' } }]);
    given(dispatchedToCg).when({ type: 'RejectTransfer', reason: 'x', now: T0 }).thenRefused('CASE.NO_TRANSFER_REQUEST', 'conflict');
  });

  it("makes the centre's assignment final after two transfers", () => {
    const history: DispatchCaseEvent[] = [dispatchedToCg];
    const steps: [string, string][] = [
      ['QH-CG', 'QH-URBAN'],
      ['QH-URBAN', 'QH-POLICE'],
    ];
    for (const [from, to] of steps) {
      const state = fold(dispatchCase, history);
      history.push(...dispatchCase.decide({ type: 'RegisterTransferRequest', unitCode: from, reason: 'not ours', requestedAt: '2026-03-03T02:00:00.000Z' }, state));
      history.push(...dispatchCase.decide({ type: 'ApproveTransfer', toUnitCode: to, cooperatingUnitCodes: [], reason: 'r', now: '2026-03-03T02:30:00.000Z' }, fold(dispatchCase, history)));
    }
    const second = history.filter((e) => e.type === 'case.dispatched.v1').pop();
    expect(second?.data).toMatchObject({ primaryUnitCode: 'QH-POLICE', final: true, redispatch: true });
    given(...history)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-POLICE', reason: 'not ours either', requestedAt: '2026-03-03T03:00:00.000Z' })
      .then([{ type: 'case.transfer-rejected.v1', data: { caseId, unitCode: 'QH-POLICE', automatic: true, reason: "the case was transferred 2 times: the centre's assignment is final" } }]);
  });

  it('refuses a request on a forced assignment', () => {
    const forced: DispatchCaseEvent = { type: 'case.dispatched.v1', data: { ...dispatchedToCg.data, final: true, basis: { kind: 'manual', explanation: 'forced' } } };
    given(forced)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-CG', reason: 'x', requestedAt: T0 })
      .then([{ type: 'case.transfer-rejected.v1', data: { caseId, unitCode: 'QH-CG', automatic: true, reason: "the centre's assignment is final" } }]);
  });
});

describe('review (审核)', () => {
  const submitted: DispatchCaseEvent = { type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'cleared', evidenceUrls: [], submittedAt: T0 } };

  it("puts the lead unit's result on the review queue, and ignores anyone else's", () => {
    given(dispatchedToCg).when({ type: 'RegisterResult', unitCode: 'QH-CG', result: 'cleared', evidenceUrls: [], submittedAt: T0 }).then([submitted]);
    given(dispatchedToCg).when({ type: 'RegisterResult', unitCode: 'QH-POLICE', result: 'x', evidenceUrls: [], submittedAt: T0 }).then([]);
  });

  it('approves a result or sends it back with a reason', () => {
    given(dispatchedToCg, submitted).when({ type: 'ApproveResult', now: T0 }).then([{ type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: T0 } }]);
    given(dispatchedToCg, submitted)
      .when({ type: 'SendBackResult', reason: 'no photo', now: T0 })
      .then([{ type: 'case.result-sent-back.v1', data: { caseId, unitCode: 'QH-CG', reason: 'no photo', reviewedAt: T0 } }]);
  });

  it('reviews only a result that waits, once', () => {
    given(dispatchedToCg).when({ type: 'ApproveResult', now: T0 }).thenRefused('CASE.NO_RESULT_TO_REVIEW', 'conflict');
    given(dispatchedToCg, submitted, { type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: T0 } })
      .when({ type: 'SendBackResult', reason: 'x', now: T0 })
      .thenRefused('CASE.NO_RESULT_TO_REVIEW');
  });

  it('reviews a result again when a reopened case (重办) is submitted after an approval', () => {
    given(dispatchedToCg, submitted, { type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: T0 } })
      .when({ type: 'RegisterResult', unitCode: 'QH-CG', result: 'redone', evidenceUrls: [], submittedAt: T0 })
      .then([{ type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'redone', evidenceUrls: [], submittedAt: T0 } }]);
  });

  it('takes a reworked result after a send-back', () => {
    given(dispatchedToCg, submitted, { type: 'case.result-sent-back.v1', data: { caseId, unitCode: 'QH-CG', reason: 'x' } })
      .when({ type: 'RegisterResult', unitCode: 'QH-CG', result: 'cleared again', evidenceUrls: ['https://example.org/p.jpg'], submittedAt: T0 })
      .then([{ type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'cleared again', evidenceUrls: ['https://example.org/p.jpg'], submittedAt: T0 } }]);
  });
});

describe('extensions (延期)', () => {
  const asked = (days: number): DispatchCaseEvent => ({
    type: 'case.extension-request-registered.v1',
    data: { caseId, unitCode: 'QH-CG', extraWorkingDays: days, reason: 'parts', requestedAt: '2026-03-05T02:00:00.000Z', deadline: '2026-03-09T09:30:00.000Z' },
  });

  it('registers a request asked before the deadline, with the deadline', () => {
    given(dispatchedToCg).when({ type: 'RegisterExtensionRequest', unitCode: 'QH-CG', extraWorkingDays: 3, reason: 'parts', requestedAt: '2026-03-05T02:00:00.000Z' }).then([asked(3)]);
  });

  it('refuses a request asked after the deadline', () => {
    given(dispatchedToCg)
      .when({ type: 'RegisterExtensionRequest', unitCode: 'QH-CG', extraWorkingDays: 3, reason: 'parts', requestedAt: '2026-03-09T09:30:00.000Z' })
      .then([{ type: 'case.extension-rejected.v1', data: { caseId, unitCode: 'QH-CG', automatic: true, reason: 'asked at 2026-03-09T09:30:00.000Z, not before the deadline 2026-03-09T09:30:00.000Z' } }]);
  });

  it('approves at most 10 more working days in all, with the new deadline', () => {
    given(dispatchedToCg, asked(3))
      .when({ type: 'ApproveExtension', extraWorkingDays: 3, reason: 'ok', now: T0 })
      .then([{ type: 'case.extension-approved.v1', data: { caseId, unitCode: 'QH-CG', extraWorkingDays: 3, reason: 'ok', newDeadline: '2026-03-12T09:30:00.000Z' } }]);
    given(dispatchedToCg, asked(11)).when({ type: 'ApproveExtension', extraWorkingDays: 11, reason: 'ok', now: T0 }).thenRefused('CASE.EXTENSION_TOO_LONG', 'unprocessable');
    const firstEight: DispatchCaseEvent = { type: 'case.extension-approved.v1', data: { caseId, unitCode: 'QH-CG', extraWorkingDays: 8, reason: 'ok' } };
    given(dispatchedToCg, asked(8), firstEight, asked(5)).when({ type: 'ApproveExtension', extraWorkingDays: 3, reason: 'ok', now: T0 }).thenRefused('CASE.EXTENSION_TOO_LONG');
    given(dispatchedToCg, asked(8), firstEight, asked(5))
      .when({ type: 'ApproveExtension', extraWorkingDays: 2, reason: 'ok', now: T0 })
      .then([{ type: 'case.extension-approved.v1', data: expect.objectContaining({ extraWorkingDays: 2 }) as never }]);
  });

  it('rejects a request: the deadline stands', () => {
    given(dispatchedToCg, asked(3)).when({ type: 'RejectExtension', reason: 'no', now: T0 }).then([{ type: 'case.extension-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'no' } }]);
    given(dispatchedToCg).when({ type: 'RejectExtension', reason: 'no', now: T0 }).thenRefused('CASE.NO_EXTENSION_REQUEST');
  });
});

describe('pauses', () => {
  const askedPause: DispatchCaseEvent = { type: 'case.pause-request-registered.v1', data: { caseId, unitCode: 'QH-CG', reason: 'waiting for the resident', requestedAt: T0 } };
  const paused: DispatchCaseEvent = { type: 'case.clock-paused.v1', data: { caseId, unitCode: 'QH-CG', reason: 'waiting for the resident', pausedAt: '2026-03-03T01:00:00.000Z' } };

  it('registers a request and the centre pauses the clock', () => {
    given(dispatchedToCg).when({ type: 'RegisterPauseRequest', unitCode: 'QH-CG', reason: 'waiting for the resident', requestedAt: T0 }).then([askedPause]);
    given(dispatchedToCg, askedPause).when({ type: 'ApprovePause', now: '2026-03-03T01:00:00.000Z' }).then([paused]);
    given(dispatchedToCg, askedPause).when({ type: 'RejectPause', reason: 'call again', now: T0 }).then([{ type: 'case.pause-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'call again' } }]);
  });

  it("resumes the clock on the unit's request, and the paused working time, decided at the resume, moves the deadline", () => {
    const resumedAt = '2026-03-04T01:00:00.000Z';
    // one working day (7 working hours) paused
    const resumed: DispatchCaseEvent = { type: 'case.clock-resumed.v1', data: { caseId, unitCode: 'QH-CG', resumedAt, pausedWorkingMinutes: 420 } };
    given(dispatchedToCg, askedPause, paused).when({ type: 'ResumeClock', unitCode: 'QH-CG', now: resumedAt }).then([resumed]);
    const state = fold(dispatchCase, [dispatchedToCg, askedPause, paused, resumed]) as DispatchedState;
    // Monday 9 March 17:30 -> Tuesday 10 March 17:30
    expect(handlingDeadline(state).toISOString()).toBe('2026-03-10T09:30:00.000Z');
  });

  it('folds the paused working time the event recorded, never a recount with the calendar', () => {
    // as if the calendar had changed since: the recorded count stands
    const resumed: DispatchCaseEvent = { type: 'case.clock-resumed.v1', data: { caseId, unitCode: 'QH-CG', resumedAt: '2026-03-04T01:00:00.000Z', pausedWorkingMinutes: 60 } };
    expect((fold(dispatchCase, [dispatchedToCg, askedPause, paused, resumed]) as DispatchedState).pausedWorkingMinutes).toBe(60);
    expect((foldStream([dispatchedToCg, askedPause, paused, resumed]) as DispatchedState).pausedWorkingMinutes).toBe(60);
  });

  it('counts the paused working time of an older resume that did not record it once, when its stream is read', () => {
    const old: DispatchCaseEvent = { type: 'case.clock-resumed.v1', data: { caseId, unitCode: 'QH-CG', resumedAt: '2026-03-04T01:00:00.000Z' } };
    const [, , , upcasted] = upcast([dispatchedToCg, askedPause, paused, old]);
    expect(upcasted).toEqual({ ...old, data: { ...old.data, pausedWorkingMinutes: 420 } });
    const state = foldStream([dispatchedToCg, askedPause, paused, old]) as DispatchedState;
    expect(state).toMatchObject({ pausedWorkingMinutes: 420 });
    expect(handlingDeadline(state).toISOString()).toBe('2026-03-10T09:30:00.000Z');
    // a resume with nothing paused (already resumed) changes nothing, as before
    expect(upcast([dispatchedToCg, old])).toEqual([dispatchedToCg, old]);
  });

  it('ignores a resume request of a running clock, and refuses a centre resume of it', () => {
    given(dispatchedToCg).when({ type: 'ResumeClock', unitCode: 'QH-CG', now: T0 }).then([]);
    given(dispatchedToCg).when({ type: 'ResumeClock', now: T0 }).thenRefused('CASE.NOT_PAUSED', 'conflict');
  });
});

describe('a reopened case (重办): handled again by the same unit, reviewed again', () => {
  const submitted: DispatchCaseEvent = { type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'cleared', evidenceUrls: [], submittedAt: T0 } };
  const approved: DispatchCaseEvent = { type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: '2026-03-05T02:00:00.000Z' } };
  // Monday 16 March 2026, 09:00 China time: evaluation reopened the case after a dissatisfied return visit
  const reopen: Reopen = { unitCode: 'QH-CG', redoCount: 1, reopenedAt: '2026-03-16T01:00:00.000Z' };
  const askedAt = '2026-03-17T02:00:00.000Z';
  const round1 = [dispatchedToCg, submitted, approved];

  it('refuses extension and pause requests after an approval that was not reopened', () => {
    given(...round1)
      .when({ type: 'RegisterExtensionRequest', unitCode: 'QH-CG', extraWorkingDays: 2, reason: 'parts', requestedAt: askedAt })
      .then([{ type: 'case.extension-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'the result was already approved', automatic: true } }]);
    given(...round1)
      .when({ type: 'RegisterPauseRequest', unitCode: 'QH-CG', reason: 'resident away', requestedAt: askedAt })
      .then([{ type: 'case.pause-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'the result was already approved' } }]);
  });

  it('measures an extension request of the second round against a new handling deadline from the reopen', () => {
    const state = fold(dispatchCase, round1) as DispatchedState;
    expect(resolved(state)).toBe(true);
    expect(resolved(state, reopen)).toBe(false);
    // the category's 5 working days, from Monday 16 March 09:00: Monday 23 March 17:30 (the first round's ended on 9 March)
    expect(handlingDeadline(state, reopen).toISOString()).toBe('2026-03-23T09:30:00.000Z');
    expect(handlingDeadline(state).toISOString()).toBe('2026-03-09T09:30:00.000Z');
    given(...round1)
      .when({ type: 'RegisterExtensionRequest', unitCode: 'QH-CG', extraWorkingDays: 2, reason: 'parts', requestedAt: askedAt, reopen })
      .then([
        {
          type: 'case.extension-request-registered.v1',
          data: { caseId, unitCode: 'QH-CG', extraWorkingDays: 2, reason: 'parts', requestedAt: askedAt, deadline: '2026-03-23T09:30:00.000Z' },
        },
      ]);
  });

  it("does not carry the first round's extension into the second round's deadline, but counts it against the maximum", () => {
    const extended: DispatchCaseEvent = { type: 'case.extension-approved.v1', data: { caseId, unitCode: 'QH-CG', extraWorkingDays: 3, reason: 'parts', newDeadline: '2026-03-12T09:30:00.000Z' } };
    const state = fold(dispatchCase, [dispatchedToCg, extended, submitted, approved]) as DispatchedState;
    expect(handlingDeadline(state).toISOString()).toBe('2026-03-12T09:30:00.000Z');
    expect(handlingDeadline(state, reopen).toISOString()).toBe('2026-03-23T09:30:00.000Z');
    expect(state.extensionDays).toBe(3);
  });

  it('registers a pause request of the second round', () =>
    given(...round1)
      .when({ type: 'RegisterPauseRequest', unitCode: 'QH-CG', reason: 'resident away', requestedAt: askedAt, reopen })
      .then([{ type: 'case.pause-request-registered.v1', data: { caseId, unitCode: 'QH-CG', reason: 'resident away', requestedAt: askedAt } }]));

  it('refuses a transfer of a reopened case: the unit that handled it handles it again', () =>
    given(...round1)
      .when({ type: 'RegisterTransferRequest', unitCode: 'QH-CG', reason: 'not ours', requestedAt: askedAt, reopen })
      .then([{ type: 'case.transfer-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'the case was reopened: the unit that handled it handles it again', automatic: true } }]));

  it('puts the second result in the review queue and approves or sends it back again', () => {
    const second: DispatchCaseEvent = { type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'redone', evidenceUrls: [], submittedAt: askedAt } };
    given(...round1)
      .when({ type: 'RegisterResult', unitCode: 'QH-CG', result: 'redone', evidenceUrls: [], submittedAt: askedAt })
      .then([second]);
    given(...round1, second).when({ type: 'ApproveResult', now: askedAt }).then([{ type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: askedAt } }]);
    given(...round1, second)
      .when({ type: 'SendBackResult', reason: 'no photo', now: askedAt })
      .then([{ type: 'case.result-sent-back.v1', data: { caseId, unitCode: 'QH-CG', reason: 'no photo', reviewedAt: askedAt } }]);
  });

  it('is resolved again once the second result is approved: the old reopen no longer opens it', () => {
    const second: DispatchCaseEvent = { type: 'case.result-registered.v1', data: { caseId, unitCode: 'QH-CG', result: 'redone', evidenceUrls: [], submittedAt: askedAt } };
    const approvedAgain: DispatchCaseEvent = { type: 'case.result-approved.v1', data: { caseId, unitCode: 'QH-CG', reviewedAt: askedAt } };
    const state = fold(dispatchCase, [...round1, second, approvedAgain]) as DispatchedState;
    expect(state.approvals).toBe(2);
    expect(resolved(state, reopen)).toBe(true);
    given(...round1, second, approvedAgain)
      .when({ type: 'RegisterExtensionRequest', unitCode: 'QH-CG', extraWorkingDays: 2, reason: 'parts', requestedAt: '2026-03-18T02:00:00.000Z', reopen })
      .then([{ type: 'case.extension-rejected.v1', data: { caseId, unitCode: 'QH-CG', reason: 'the result was already approved', automatic: true } }]);
  });
});
