import type { CloudEvent } from '@county/contracts';
import { FOLLOWED_EVENT_TYPES, toCaseSignal } from '../src/bridge/to-signal';

function event(type: string, data: Record<string, unknown>): CloudEvent {
  return { specversion: '1.0', id: 'e-1', source: 'handling', type, subject: 'case-1', time: '2026-03-03T02:00:00.000Z', datacontenttype: 'application/json', data: { caseId: 'case-1', ...data }, sequence: 1, correlationid: 'c', causationid: 'c' };
}

describe('what the case workflow learns from an event', () => {
  it('follows every lifecycle event of the catalogue that moves a clock', () => {
    expect(FOLLOWED_EVENT_TYPES()).toEqual(
      expect.arrayContaining([
        'case.received.v1',
        'case.sent-to-triage.v1',
        'case.dispatched.v1',
        'case.signed-for.v1',
        'case.first-contact-recorded.v1',
        'case.transfer-requested.v1',
        'case.transfer-approved.v1',
        'case.result-submitted.v1',
        'case.result-approved.v1',
        'case.result-sent-back.v1',
        'case.extension-approved.v1',
        'case.clock-paused.v1',
        'case.clock-resumed.v1',
        'case.return-visit-recorded.v1',
        'case.reopened.v1',
        'case.closed.v1',
        'whistle.blown.v1',
        'whistle.answered.v1',
        'whistle.reported-on-site.v1',
      ]),
    );
  });

  it('keeps no free text and no personal data: reasons, results and evidence stay out of Temporal', () => {
    const signals = [
      event('case.transfer-requested.v1', { unitCode: 'QH-LL-01', reason: '张三 13812345678 says it is not ours' }),
      event('case.result-submitted.v1', { unitCode: 'QH-LL-01', result: 'called 张三 at 13812345678', evidenceUrls: ['https://x/y.jpg'] }),
      event('case.extension-approved.v1', { unitCode: 'QH-LL-01', extraWorkingDays: 3, reason: 'waiting for 张三' }),
      event('whistle.blown.v1', { whistleId: 'w-1', callerUnitCode: 'QH-LL', calledDepartmentCodes: ['QH-URBAN'], reason: '张三', needs: 'a truck', urgency: 'urgent' }),
    ].map(toCaseSignal);
    expect(JSON.stringify(signals)).not.toMatch(/张三|13812345678|https:|truck|ours/);
    expect(signals[2]!.about).toEqual({ unitCode: 'QH-LL-01', extraWorkingDays: 3 });
    expect(signals[3]!.about).toEqual({ whistleId: 'w-1', unitCode: 'QH-LL', calledDepartmentCodes: ['QH-URBAN'], urgency: 'urgent' });
  });

  it('takes the business instant of the event as the start of a clock', () => {
    const s = toCaseSignal({ ...event('case.dispatched.v1', { primaryUnitCode: 'QH-URBAN', cooperatingUnitCodes: [], categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', basis: { kind: 'transfer', explanation: 'x' }, dispatchedAt: '2026-03-03T01:00:00.000Z' }), source: 'dispatch' });
    expect(s).toMatchObject({ eventId: 'e-1', facts: { responsibleUnitCode: 'QH-URBAN' }, about: { unitCode: 'QH-URBAN', at: '2026-03-03T01:00:00.000Z' } });
  });

  it('takes the instants of a pause and a resume when dispatch gives them', () => {
    expect(toCaseSignal(event('case.clock-paused.v1', { unitCode: 'QH-LL-01', reason: 'x', pausedAt: '2026-03-03T01:00:00.000Z' }))?.about).toEqual({ unitCode: 'QH-LL-01', at: '2026-03-03T01:00:00.000Z' });
    expect(toCaseSignal(event('case.clock-resumed.v1', { unitCode: 'QH-LL-01' }))?.about).toEqual({ unitCode: 'QH-LL-01' });
  });

  it("tells the workflow a case went to triage, with its codes but without the dispatcher's reason", () => {
    const s = toCaseSignal({
      ...event('case.sent-to-triage.v1', { reason: 'no item covers 张三 at 13812345678', categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-CG', sentAt: '2026-03-03T01:00:00.000Z' }),
      source: 'dispatch',
    });
    expect(s).toEqual({
      eventId: 'e-1',
      // the correlation id goes on, so that what the workflow announces carries it too
      correlationId: 'c',
      type: 'case.sent-to-triage.v1',
      time: '2026-03-03T02:00:00.000Z',
      facts: { categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', townshipCode: 'QH-CG' },
      about: { at: '2026-03-03T01:00:00.000Z' },
    });
    expect(toCaseSignal({ ...event('case.sent-to-triage.v1', { reason: 'uncovered' }), source: 'dispatch' })?.about).toEqual({});
  });

  it('tells the workflow which unit a reopened case (重办) goes back to, without the reason', () => {
    const s = toCaseSignal({ ...event('case.reopened.v1', { unitCode: 'QH-CG-01', reason: 'dissatisfied', redoCount: 1 }), source: 'evaluation' });
    expect(s).toMatchObject({ facts: { responsibleUnitCode: 'QH-CG-01' }, about: { unitCode: 'QH-CG-01' } });
    expect(JSON.stringify(s)).not.toMatch(/dissatisfied/);
  });

  it('ignores events it does not follow', () => {
    expect(toCaseSignal(event('case.progress-noted.v1', { unitCode: 'QH-LL-01', note: 'x' }))).toBeNull();
  });
});
