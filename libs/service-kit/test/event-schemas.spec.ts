import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '@county/contracts';
import { shapeViolations } from '../src/event-schemas';

const caseId = randomUUID();
const requested = (data: Record<string, unknown>): CloudEvent => ({
  specversion: '1.0',
  id: randomUUID(),
  source: 'handling',
  type: 'case.extension-requested.v1',
  subject: caseId,
  time: '2026-03-02T01:00:00.000Z',
  datacontenttype: 'application/json',
  data: { caseId, ...data },
  sequence: 1,
  correlationid: 'corr-1',
  causationid: 'corr-1',
});

describe('the shape a consumer checks before a handler sees an event', () => {
  it('takes an event of its type', () => {
    expect(shapeViolations(requested({ unitCode: 'QH-CG', extraWorkingDays: 5, reason: 'the owner is abroad' }))).toEqual([]);
  });

  it('names a required field that is missing, and one of the wrong type', () => {
    expect(shapeViolations(requested({ unitCode: 'QH-CG', extraWorkingDays: 'five' }))).toEqual([
      "/data must have required property 'reason'",
      '/data/extraWorkingDays must be integer',
    ]);
  });

  it('leaves value rules and unknown fields to the reader (a tolerant reader)', () => {
    expect(shapeViolations(requested({ unitCode: 'QH-CG', extraWorkingDays: 12, reason: 'x', addedLater: true }))).toEqual([]);
  });

  it('checks the envelope as well', () => {
    const { correlationid: _dropped, ...withoutCorrelation } = requested({ unitCode: 'QH-CG', extraWorkingDays: 5, reason: 'x' });
    expect(shapeViolations(withoutCorrelation as CloudEvent)).toEqual(["/ must have required property 'correlationid'"]);
  });

  it('says nothing of a type that is not in the catalogue', () => {
    expect(shapeViolations({ ...requested({}), type: 'case.teleported.v1' })).toEqual([]);
  });
});
