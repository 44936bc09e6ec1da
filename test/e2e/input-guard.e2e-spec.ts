import { randomUUID } from 'node:crypto';
import { startSystem, type RunningSystem, type ServiceKey } from '../support/system';

/**
 * The input guard of every service (libs/service-kit/src/input-guard.ts), from outside: each
 * request here answered 500, or was accepted, before it. Every refusal is a 4xx naming the bad
 * field or limit, with the error body every other error has, and writes nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let system: RunningSystem;
let centre: string;
let unitStaff: string;

const HOTLINE = { 'x-api-key': 'dev-hotline-key' };
const CALLBACK = { 'x-callback-token': 'local-callback-token' };

beforeAll(async () => {
  system = await startSystem(['intake', 'dispatch', 'handling', 'evaluation']);
  centre = await devToken('qh-centre.dispatcher-1');
  unitStaff = await devToken('qh-cg-01.staff-1');
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

async function devToken(userId: string): Promise<string> {
  const res = await fetch(`${system.url('handling')}/api/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return ((await res.json()) as { token: string }).token;
}

async function send(service: ServiceKey, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer; type?: string } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  const res = await fetch(`${system.url(service)}${path}`, { method, headers, body: options.body });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

function appeal(overrides: Record<string, unknown> = {}, resident: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: 'hotline',
    channelReference: `HL-${randomUUID()}`,
    appealType: 'complaint',
    categoryCode: 'UM.ORDER.PARKING',
    urgency: 'normal',
    description: 'cars block the fire lane',
    location: { gridCode: 'QH-CG-04-04' },
    resident: { name: '测试', phone: '13911112222', ...resident },
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

async function intakeEvents(): Promise<number> {
  return (await system.db.pool.query('SELECT count(*)::int AS n FROM intake.events')).rows[0].n;
}

function expectRefusal(reply: { status: number; body: Json }, status: number, field?: string | RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual(expect.objectContaining({ statusCode: status, code: expect.any(String), message: expect.any(String), correlationId: expect.any(String) }));
  if (field !== undefined) expect(reply.body.errors?.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([typeof field === 'string' ? field : expect.stringMatching(field)]));
}

const deep = `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;

describe('deep JSON', () => {
  it.each([
    ['intake', '/api/v1/cases', HOTLINE],
    ['dispatch', `/api/v1/cases/${randomUUID()}/review/send-back`, {}],
    ['handling', `/api/v1/cases/${randomUUID()}/progress-notes`, {}],
    ['evaluation', `/api/v1/return-visits/${randomUUID()}/failed-attempts`, CALLBACK],
  ] as const)('%s answers 400 naming the nesting limit, never 500', async (service, path, headers) => {
    const auth = service === 'dispatch' ? { authorization: `Bearer ${centre}` } : service === 'handling' ? { authorization: `Bearer ${unitStaff}` } : headers;
    const before = await intakeEvents();
    const reply = await send(service, 'POST', path, { headers: auth, body: deep });
    expectRefusal(reply, 400, /^x(\.0)+$/);
    expect(reply.body.message).toMatch(/nested deeper than 32 levels/);
    expect(await intakeEvents()).toBe(before);
  });

  it('a body over the size limit is a 413 naming the limit', async () => {
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(appeal({ description: 'x'.repeat(300_000) })) });
    expectRefusal(reply, 413);
    expect(reply.body.limit).toBe('100kb');
  });
});

describe('NUL characters and lone surrogates', () => {
  it.each([
    ['description', (v: string) => appeal({ description: v })],
    ['location.address', (v: string) => appeal({ location: { address: v } })],
    ['resident.name', (v: string) => appeal({}, { name: v })],
    ['channelReference', (v: string) => appeal({ channelReference: v })],
  ])('a NUL in %s is a 400 naming the field, storing nothing', async (field, make) => {
    const before = await intakeEvents();
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(make('a\u0000b')) });
    expectRefusal(reply, 400, field);
    expect(await intakeEvents()).toBe(before);
  });

  it.each([
    ['description', JSON.stringify(appeal()).replace('"cars block the fire lane"', '"a\\ud800b"')],
    ['resident.email', JSON.stringify(appeal({}, { email: 'EMAIL' })).replace('"EMAIL"', '"a\\udc00@example.cn"')],
  ])('a lone surrogate in %s is a 400 naming the field', async (field, body) => {
    expect(body).toMatch(/\\ud[8c]00/);
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body });
    expectRefusal(reply, 400, field);
  });

  it('a NUL in a path parameter is a 400, also where no key is needed', async () => {
    const token = await send('intake', 'GET', '/open311/v2/tokens/%00.json');
    expect(token.status).toBe(400);
    const dispatch = await send('dispatch', 'GET', '/api/v1/cases/%00', { headers: { authorization: `Bearer ${centre}` } });
    expectRefusal(dispatch, 400, 'path');
    const intake = await send('intake', 'GET', '/api/v1/cases/%00', { headers: HOTLINE });
    expectRefusal(intake, 400, 'path');
    const query = await send('intake', 'GET', '/api/v1/cases?categoryCode=%00', { headers: HOTLINE });
    expectRefusal(query, 400, 'categoryCode');
  });

  it('a path parameter that is not a code is refused before the database sees it', async () => {
    const reply = await send('dispatch', 'GET', `/api/v1/units/${encodeURIComponent("QH CG';--")}/transfers`, { headers: { authorization: `Bearer ${centre}` } });
    expectRefusal(reply, 400, 'unitCode');
    const notUuid = await send('dispatch', 'GET', '/api/v1/cases/not-a-uuid', { headers: { authorization: `Bearer ${centre}` } });
    expectRefusal(notUuid, 400, 'caseId');
  });
});

describe('the date rule', () => {
  it.each([
    ['far in the future', '9999-12-31T23:59:59Z'],
    ['a year ahead', new Date(Date.now() + 366 * 86_400_000).toISOString()],
    ['before the floor', '1969-12-31T23:59:59Z'],
    ['without an offset', '2026-03-02T09:15:00'],
    ['not a real day', '2026-02-30T09:15:00+08:00'],
  ])('receivedAt %s is refused at intake (400 naming receivedAt), storing nothing', async (_what, receivedAt) => {
    const before = await intakeEvents();
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(appeal({ receivedAt })) });
    expectRefusal(reply, 400, 'receivedAt');
    expect(await intakeEvents()).toBe(before);
  });

  it('a moment ago and a few seconds ahead (clock skew) are accepted', async () => {
    for (const receivedAt of [new Date(Date.now() - 3_600_000).toISOString(), new Date(Date.now() + 30_000).toISOString()]) {
      const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(appeal({ receivedAt }, { phone: `139${String(Date.now()).slice(-8)}` })) });
      expect(reply.status).toBe(201);
    }
  });

  it('applies to the other services too: a return visit in the future, a first contact before 2000', async () => {
    const visit = await send('evaluation', 'POST', `/api/v1/return-visits/${randomUUID()}/failed-attempts`, {
      headers: CALLBACK,
      body: JSON.stringify({ reason: 'busy', attemptedAt: '9999-12-31T23:59:59Z' }),
    });
    expectRefusal(visit, 400, 'attemptedAt');
    const contact = await send('handling', 'POST', `/api/v1/cases/${randomUUID()}/first-contact`, {
      headers: { authorization: `Bearer ${unitStaff}` },
      body: JSON.stringify({ contactedAt: '1999-12-31T23:59:59Z' }),
    });
    expectRefusal(contact, 400, 'contactedAt');
  });
});

describe('content types and encodings', () => {
  it('a form-encoded body on a JSON API is a 415, and no case is created', async () => {
    const before = await intakeEvents();
    const form = new URLSearchParams({ channel: 'hotline', channelReference: `HL-${randomUUID()}`, appealType: 'complaint', categoryCode: 'UM.ORDER.PARKING', urgency: 'normal', description: 'x', receivedAt: new Date().toISOString() });
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: form.toString(), type: 'application/x-www-form-urlencoded' });
    expectRefusal(reply, 415);
    expect(await intakeEvents()).toBe(before);
  });

  it("JSON on Open311's form endpoint is a 415 in Open311's error format", async () => {
    const reply = await send('intake', 'POST', '/open311/v2/requests.json', { body: JSON.stringify({ api_key: 'dev-app-key', service_code: 'UM.ORDER.PARKING', address_string: 'x' }) });
    expect(reply.status).toBe(415);
    expect(reply.body).toEqual([{ code: 415, description: expect.stringMatching(/application\/x-www-form-urlencoded/) }]);
  });

  it('invalid UTF-8 is a 400', async () => {
    const body = Buffer.concat([Buffer.from(JSON.stringify(appeal()).slice(0, -1) + ',"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body });
    expectRefusal(reply, 400, 'body');
    expect(reply.body.code).toBe('BODY_NOT_UTF8');
  });

  it('malformed JSON answers the same error body as every other error, with its code and the correlation id', async () => {
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: { ...HOTLINE, 'x-correlation-id': 'corr-malformed-1' }, body: '{"channel":' });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(expect.objectContaining({ statusCode: 400, code: 'MALFORMED_BODY', correlationId: 'corr-malformed-1' }));
    expect(reply.body.error).toBeUndefined();
  });
});

describe('X-Correlation-Id', () => {
  it('an oversize or odd one is refused (400), never copied into events', async () => {
    const before = await intakeEvents();
    const long = await send('intake', 'POST', '/api/v1/cases', { headers: { ...HOTLINE, 'x-correlation-id': 'a'.repeat(6000) }, body: JSON.stringify(appeal()) });
    expectRefusal(long, 400, 'X-Correlation-Id');
    const odd = await send('intake', 'POST', '/api/v1/cases', { headers: { ...HOTLINE, 'x-correlation-id': 'a b<script>' }, body: JSON.stringify(appeal()) });
    expectRefusal(odd, 400, 'X-Correlation-Id');
    expect(await intakeEvents()).toBe(before);
  });
});

describe('phones and residents', () => {
  it('stores the phone in E.164 and gives one residentId however it was typed', async () => {
    const spellings = ['+86 137 0744 5044', '137-0744-5044'];
    const ids: string[] = [];
    for (const phone of spellings) {
      const reply = await send('intake', 'POST', '/api/v1/cases', {
        headers: HOTLINE,
        body: JSON.stringify(appeal({ categoryCode: spellings.indexOf(phone) === 0 ? 'UM.ORDER.PARKING' : 'UM.SANITATION.GARBAGE' }, { phone })),
      });
      expect(reply.status).toBe(201);
      ids.push(reply.body.caseId);
    }
    const stored = await system.db.pool.query<{ phone: string }>('SELECT phone FROM intake.resident_contacts WHERE case_id = ANY($1)', [ids]);
    expect(stored.rows.map((r) => r.phone)).toEqual(['+8613707445044', '+8613707445044']);
    const residents = await system.db.pool.query<{ resident: string }>(`SELECT data->'resident'->>'residentId' AS resident FROM intake.events WHERE stream_id = ANY($1)`, [ids]);
    expect(new Set(residents.rows.map((r) => r.resident)).size).toBe(1);
  });

  it('a phone that is no phone number is a 400 naming resident.phone', async () => {
    const reply = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(appeal({}, { phone: '123456' })) });
    expectRefusal(reply, 400, 'resident.phone');
  });
});

describe("a channel's key", () => {
  it("reads its own channel's cases only; a centre key reads them all", async () => {
    const created = await send('intake', 'POST', '/api/v1/cases', { headers: HOTLINE, body: JSON.stringify(appeal({}, { phone: '13911113333' })) });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    expect((await send('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: HOTLINE })).status).toBe(200);
    expectRefusal(await send('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: { 'x-api-key': 'dev-app-key' } }), 404);
    expect((await send('intake', 'GET', `/api/v1/cases/${caseId}`, { headers: { 'x-api-key': 'dev-centre-key' } })).status).toBe(200);
    const appList = await send('intake', 'GET', '/api/v1/cases?limit=100', { headers: { 'x-api-key': 'dev-app-key' } });
    expect(appList.body.items.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    expectRefusal(await send('intake', 'GET', '/api/v1/cases?channel=hotline', { headers: { 'x-api-key': 'dev-app-key' } }), 403);
    const centreList = await send('intake', 'GET', '/api/v1/cases?limit=100', { headers: { 'x-api-key': 'dev-centre-key' } });
    expect(centreList.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });
});

describe('a stale If-Match', () => {
  it('says which version the case is at and which one was named', async () => {
    const caseId = randomUUID();
    const reply = await send('dispatch', 'POST', `/api/v1/cases/${caseId}/dispatch`, {
      headers: { authorization: `Bearer ${centre}`, 'if-match': '"7"' },
      body: JSON.stringify({ primaryUnitCode: 'QH-URBAN', reason: 'county road' }),
    });
    expect(reply.status).toBe(409);
    expect(reply.body.message).toMatch(/version 0, not at version 7/);
    expect(reply.body.message).not.toMatch(/someone else at the same moment/);
  });
});

describe('nested items', () => {
  it('a responsibility-list change whose item lacks its primary unit, or holds null, is a 400 naming the field (it was a 500)', async () => {
    const item = { id: 'UM.ORDER.VENDING@QH-DC', categoryCode: 'UM.ORDER.VENDING', scope: { kind: 'county' }, cooperating: [] };
    const missing = await send('dispatch', 'POST', '/api/v1/responsibility-list/changes', {
      headers: { authorization: `Bearer ${centre}` },
      body: JSON.stringify({ reason: 'a change', upserts: [item] }),
    });
    expectRefusal(missing, 400, 'upserts.0.primary');
    const nullItem = await send('dispatch', 'POST', '/api/v1/responsibility-list/changes', {
      headers: { authorization: `Bearer ${centre}` },
      body: JSON.stringify({ reason: 'a change', upserts: [{ ...item, primary: { level: 'township' }, cooperating: [null] }] }),
    });
    expectRefusal(nullItem, 400, /^upserts\.0\.cooperating/);
  });
});
