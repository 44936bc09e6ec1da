import * as fs from 'node:fs';
import { EVENT_CATALOGUE, SERVICE_NAMES, TOPICS } from '../src';
import { ASYNCAPI_PATH, validateAgainstAsyncApi } from '../src/validation';
import { renderAsyncApi } from '../scripts/generate-asyncapi';
import { parse } from 'yaml';

describe('the AsyncAPI document', () => {
  it('is the one generated from the event catalogue (run `npm run asyncapi` after changing an event)', () => {
    expect(fs.readFileSync(ASYNCAPI_PATH, 'utf8')).toBe(renderAsyncApi());
  });

  it('names one topic per producing service and every event type', () => {
    const doc = parse(fs.readFileSync(ASYNCAPI_PATH, 'utf8'));
    const addresses = Object.values(doc.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses.sort()).toEqual(SERVICE_NAMES.map((s) => TOPICS[s]).sort());
    const names = Object.values(doc.components.messages as Record<string, { name: string }>).map((m) => m.name);
    expect(names.sort()).toEqual(EVENT_CATALOGUE.map((d) => d.type).sort());
  });

  it('rejects an event whose data breaks its schema, naming the field', () => {
    const result = validateAgainstAsyncApi({
      specversion: '1.0',
      id: '7b0c2a4e-3f51-4a35-9b07-3c1f1b1f0a11',
      source: 'dispatch',
      type: 'case.dispatched.v1',
      subject: 'C1',
      time: '2026-03-02T01:00:00.000Z',
      datacontenttype: 'application/json',
      sequence: 1,
      correlationid: 'c',
      causationid: 'c',
      data: { caseId: 'C1', cooperatingUnitCodes: [], categoryCode: 'x', urgency: 'normal', basis: { kind: 'list', explanation: 'x' }, dispatchedAt: 'yesterday' },
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/primaryUnitCode/);
    expect(result.errors.join('\n')).toMatch(/dispatchedAt/);
  });

  it('rejects an unknown event type', () => {
    expect(validateAgainstAsyncApi({ type: 'case.teleported.v1' }).valid).toBe(false);
  });
});
