import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../src/auth/api-keys';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { appeal, writtenRows } from './support';

/**
 * Random and malformed bodies thrown at both APIs: never a 5xx; a refused request changes no
 * row; an accepted one writes one whole event with its read model and dedupe rows.
 */

let system: RunningSystem;
let hotlineKey: string;
let appKey: string;

beforeAll(async () => {
  system = await startSystem(['intake']);
  const limits = { defaultRatePerMinute: 1_000_000, defaultBurst: 100_000 };
  hotlineKey = (await createApiKey(system.db.pool, { label: 'property test', channel: 'hotline', role: 'channel' }, limits)).secret;
  appKey = (await createApiKey(system.db.pool, { label: 'property test', channel: 'app', role: 'channel' }, limits)).secret;
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

type Raw = { contentType: string; body: string };

async function send(path: string, raw: Raw, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${system.url('intake')}${path}`, { method: 'POST', headers: { 'content-type': raw.contentType, ...headers }, body: raw.body });
  await res.arrayBuffer();
  return res.status;
}

const statuses: Record<string, number[]> = {};

/** Checks the invariants around one request. */
async function throwAt(path: string, raw: Raw, headers: Record<string, string>): Promise<void> {
  const before = await writtenRows(system.db.pool);
  const status = await send(path, raw, headers);
  const after = await writtenRows(system.db.pool);
  (statuses[path.split('.')[0]] ??= []).push(status);
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect(after).toEqual(before);
  } else {
    // one whole write (an event with its dedupe row, and a read-model row for a new case), or none for a replayed answer
    const events = after.events - before.events;
    expect([0, 1]).toContain(events);
    expect(after.channel_references - before.channel_references).toBe(events);
    expect(after.case_view - before.case_view).toBeLessThanOrEqual(events);
  }
  const received = await system.db.pool.query(`SELECT count(*)::int AS n FROM intake.events WHERE event_type = 'case.received.v1'`);
  expect(after.case_view).toBe(received.rows[0].n);
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const fieldNames = ['channel', 'channelReference', 'appealType', 'categoryCode', 'urgency', 'description', 'location', 'resident', 'receivedAt', 'attachments'];

/** A valid appeal with some fields replaced by anything, some removed and some unknown ones added. */
const mutatedAppeal = fc
  .record({
    replace: fc.dictionary(fc.constantFrom(...fieldNames), anyJson, { maxKeys: 3 }),
    remove: fc.subarray(fieldNames, { maxLength: 2 }),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 2 }),
    nested: fc.option(fc.record({ location: fc.dictionary(fc.constantFrom('address', 'gridCode', 'latitude', 'longitude', 'x'), anyJson, { maxKeys: 3 }) })),
  })
  .map(({ replace, remove, extra, nested }) => {
    const body: Record<string, unknown> = { ...appeal({ channelReference: `P-${randomUUID()}`, resident: { anonymous: true } }), ...extra, ...replace, ...(nested ?? {}) };
    for (const f of remove) delete body[f];
    return body;
  });

const nativeBodies: fc.Arbitrary<Raw> = fc.oneof(
  fc.uuid().map((u) => ({ contentType: 'application/json', body: JSON.stringify(appeal({ channelReference: `P-${u}`, resident: { anonymous: true } })) })),
  mutatedAppeal.map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })),
  anyJson.map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })),
  fc.string({ maxLength: 200 }).map((s) => ({ contentType: 'application/json', body: s })),
  fc.string({ maxLength: 200 }).map((s) => ({ contentType: 'application/x-www-form-urlencoded', body: s })),
  fc.string({ maxLength: 100 }).map((s) => ({ contentType: 'text/plain', body: s })),
);

const open311Fields = ['service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url', 'jurisdiction_id'];
const validForm = (): Record<string, string> => ({ service_code: 'UM.ORDER.PARKING', address_string: '白塔村2组', description: '乱停车' });

const open311Bodies: fc.Arbitrary<Raw> = fc.oneof(
  // a valid post now and then, so that the accepting path is always exercised
  fc.uuid().map((u) => ({ contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams({ ...validForm(), description: `乱停车 ${u}`, api_key: appKey }).toString() })),
  fc
    .record({
      set: fc.dictionary(fc.constantFrom(...open311Fields), fc.string({ maxLength: 60 }), { maxKeys: 4 }),
      attributes: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 }), { maxKeys: 2 }),
      extra: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 2 }),
    })
    .map(({ set, attributes, extra }) => {
      const params = new URLSearchParams({ ...validForm(), ...extra, ...set, api_key: appKey });
      for (const [k, v] of Object.entries(attributes)) params.append(`attribute[${k}]`, v);
      return { contentType: 'application/x-www-form-urlencoded', body: params.toString() };
    }),
  fc.string({ maxLength: 300 }).map((s) => ({ contentType: 'application/x-www-form-urlencoded', body: `api_key=${encodeURIComponent(appKey)}&${s}` })),
  anyJson.map((b) => ({ contentType: 'application/json', body: JSON.stringify(b) })),
);

it('native API: never a 5xx, never a partial write', async () => {
  await fc.assert(
    fc.asyncProperty(nativeBodies, fc.option(fc.string({ maxLength: 40 })), async (raw, idem) => {
      await throwAt('/api/v1/cases', raw, { 'x-api-key': hotlineKey, ...(idem !== null && /^[\x20-\x7e]*$/.test(idem) && { 'idempotency-key': idem }) });
    }),
    { numRuns: 150 },
  );
  // the generators reach the accepting path too, not only refusals
  expect(statuses['/api/v1/cases'].filter((s) => s < 300).length).toBeGreaterThan(0);
}, 180_000);

it('Open311 POST requests: never a 5xx, never a partial write', async () => {
  await fc.assert(
    fc.asyncProperty(open311Bodies, fc.constantFrom('json', 'xml'), async (raw, format) => {
      await throwAt(`/open311/v2/requests.${format}`, raw, {});
    }),
    { numRuns: 150 },
  );
  expect(statuses['/open311/v2/requests'].filter((s) => s < 300).length).toBeGreaterThan(0);
}, 180_000);
