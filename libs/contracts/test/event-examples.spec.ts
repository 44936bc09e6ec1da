import { EVENT_CATALOGUE } from '../src';
import { validateAgainstAsyncApi } from '../src/validation';
import { EVENT_EXAMPLES } from './event-examples';

// The examples are typed by the types derived from the schemas (event-examples.ts); here each one
// is checked against the schema itself, as the AsyncAPI document publishes it, with its limits,
// patterns and formats, which no type expresses.
describe('the example data of every event type', () => {
  it('covers the whole catalogue', () => {
    expect(Object.keys(EVENT_EXAMPLES).sort()).toEqual(EVENT_CATALOGUE.map((d) => d.type).sort());
  });

  it.each(EVENT_CATALOGUE.map((d) => [d.type, d.source] as const))('%s: its example validates against the AsyncAPI schema', (type, source) => {
    const event = {
      specversion: '1.0',
      id: '7b0c2a4e-3f51-4a35-9b07-3c1f1b1f0a11',
      source,
      type,
      subject: 'C-20260302-000123',
      time: '2026-03-02T01:15:00.000Z',
      datacontenttype: 'application/json',
      sequence: 1,
      correlationid: 'corr-1',
      causationid: 'cause-1',
      data: EVENT_EXAMPLES[type as keyof typeof EVENT_EXAMPLES],
    };
    expect(validateAgainstAsyncApi(event)).toEqual({ valid: true, errors: [] });
  });

  it('a responsibility-list item whose township scope names no township breaks the schema', () => {
    const change = EVENT_EXAMPLES['responsibility-list.change-proposed.v1'];
    const event = {
      specversion: '1.0',
      id: '7b0c2a4e-3f51-4a35-9b07-3c1f1b1f0a11',
      source: 'dispatch',
      type: 'responsibility-list.change-proposed.v1',
      subject: 'responsibility-list',
      time: '2026-03-02T01:15:00.000Z',
      datacontenttype: 'application/json',
      sequence: 1,
      correlationid: 'corr-1',
      causationid: 'cause-1',
      data: { ...change, upserts: [{ ...change.upserts[0], scope: { kind: 'township' } }] },
    };
    expect(validateAgainstAsyncApi(event).valid).toBe(false);
  });
});
