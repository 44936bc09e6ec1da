import type { CloudEvent } from '@county/contracts';
import { commandOf } from '../src/unit-requests/unit-requests.consumer';

const envelope = (type: string, data: object): CloudEvent => ({
  specversion: '1.0',
  id: '7b0c2a4e-3f51-4a35-9b07-3c1f1b1f0a11',
  source: 'handling',
  type,
  subject: 'c-1',
  time: '2026-03-03T02:00:00.000Z',
  datacontenttype: 'application/json',
  data,
  sequence: 3,
  correlationid: 'corr',
  causationid: 'cause',
});

describe("a unit's requests, from handling's events", () => {
  it('become the centre commands, timed when the unit asked', () => {
    expect(commandOf(envelope('case.transfer-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG', reason: 'not ours' }))).toEqual({
      type: 'RegisterTransferRequest',
      unitCode: 'QH-CG',
      reason: 'not ours',
      requestedAt: '2026-03-03T02:00:00.000Z',
    });
    expect(commandOf(envelope('case.extension-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG', extraWorkingDays: 4, reason: 'parts' }))).toMatchObject({ type: 'RegisterExtensionRequest', extraWorkingDays: 4 });
    expect(commandOf(envelope('case.result-submitted.v1', { caseId: 'c-1', unitCode: 'QH-CG', result: 'done', evidenceUrls: ['https://e.org/1.jpg'] }))).toMatchObject({
      type: 'RegisterResult',
      evidenceUrls: ['https://e.org/1.jpg'],
    });
    expect(commandOf(envelope('case.pause-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG', reason: 'away' }))).toMatchObject({ type: 'RegisterPauseRequest' });
    expect(commandOf(envelope('case.resume-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG' }))).toMatchObject({ type: 'ResumeClock', unitCode: 'QH-CG' });
  });

  it('ignore events the centre does not rule on, and refuse malformed ones', () => {
    expect(commandOf(envelope('case.signed-for.v1', { caseId: 'c-1', unitCode: 'QH-CG', signedAt: '2026-03-03T02:00:00.000Z' }))).toBeNull();
    expect(() => commandOf(envelope('case.transfer-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG' }))).toThrow(/reason/);
    expect(() => commandOf(envelope('case.extension-requested.v1', { caseId: 'c-1', unitCode: 'QH-CG', extraWorkingDays: 0, reason: 'x' }))).toThrow(/extraWorkingDays/);
  });
});
