import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TOKEN_SECRET, issueToken } from '@county/auth';
import { consoleUrl, startConsole } from '../src/server/main';
import { countersOf } from '../src/server/console.controller';
import { SESSION_COOKIE } from '../src/server/session';

/**
 * The console's server without the services: a stand-in upstream records what the proxy sends,
 * so the test sees which secrets reach which service for which role, and that the browser never
 * gets a token.
 */

let upstream: Server;
let seen: { url: string; headers: IncomingHttpHeaders }[] = [];
let app: INestApplication;
let base: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'application/json', etag: '"7"', 'set-cookie': 'upstream=1' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const at = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  app = await startConsole(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      CONSOLE_INTAKE_URL: at,
      CONSOLE_DISPATCH_URL: at,
      CONSOLE_HANDLING_URL: at,
      CONSOLE_EVALUATION_URL: at,
      CONSOLE_CASE_WORKER_URL: at,
      EVALUATION_CALLBACK_TOKEN: 'callback-secret',
      CONSOLE_INTAKE_CENTRE_KEY: 'centre-key',
    },
    { webRoot: '/nonexistent' },
  );
  base = consoleUrl(app);
});

afterAll(async () => {
  await app?.close();
  await new Promise((r) => upstream?.close(r));
});

beforeEach(() => {
  seen = [];
});

const tokenOf = (userId: string, unitCode: string, role: 'unit-staff' | 'centre') => issueToken(DEFAULT_TOKEN_SECRET, { userId, unitCode, role }, new Date(), 600).token;
const cookie = (token: string) => ({ cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` });

it("passes a unit user's token to the service and neither the centre's intake key nor the callback token", async () => {
  const token = tokenOf('qh-cg.staff-1', 'QH-CG', 'unit-staff');
  for (const service of ['handling', 'intake', 'evaluation']) {
    const res = await fetch(`${base}/svc/${service}/api/v1/anything?x=1`, { headers: { ...cookie(token), 'x-callback-token': 'forged', 'x-api-key': 'forged', 'if-match': '"3"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"7"');
    expect(res.headers.get('set-cookie')).toBeNull();
  }
  expect(seen.map((s) => s.url)).toEqual(['/api/v1/anything?x=1', '/api/v1/anything?x=1', '/api/v1/anything?x=1']);
  for (const s of seen) {
    expect(s.headers.authorization).toBe(`Bearer ${token}`);
    expect(s.headers['x-api-key']).toBeUndefined();
    expect(s.headers['x-callback-token']).toBeUndefined();
    expect(s.headers['if-match']).toBe('"3"');
    expect(s.headers.cookie).toBeUndefined();
  }
});

it('adds the centre intake key for intake and the callback token for evaluation, for centre users only', async () => {
  const token = tokenOf('qh-centre.dispatcher-1', 'QH-CENTRE', 'centre');
  await fetch(`${base}/svc/intake/api/v1/cases`, { headers: cookie(token) });
  await fetch(`${base}/svc/evaluation/api/v1/return-visits`, { headers: cookie(token) });
  await fetch(`${base}/svc/dispatch/api/v1/triage`, { headers: cookie(token) });
  expect(seen.map((s) => [s.headers['x-api-key'], s.headers['x-callback-token']])).toEqual([
    ['centre-key', undefined],
    [undefined, 'callback-secret'],
    [undefined, undefined],
  ]);
});

it('sends no authorization without a session, or with a forged one', async () => {
  await fetch(`${base}/svc/handling/api/v1/inbox`);
  await fetch(`${base}/svc/handling/api/v1/inbox`, { headers: cookie(issueToken('another-secret', { userId: 'x', unitCode: 'QH-CG', role: 'centre' }, new Date(), 600).token) });
  expect(seen.map((s) => s.headers.authorization)).toEqual([undefined, undefined]);
});

it('does not proxy the development token endpoint, unknown services or paths outside the APIs', async () => {
  for (const [path, code] of [
    ['/svc/handling/api/v1/dev/tokens', 'CONSOLE.NOT_PROXIED'],
    ['/svc/handling/docs-json', 'CONSOLE.NOT_PROXIED'],
    ['/svc/nowhere/api/v1/x', 'CONSOLE.UNKNOWN_SERVICE'],
  ] as const) {
    const res = await fetch(`${base}${path}`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe(code);
  }
  expect(seen).toEqual([]);
});

it('signs in with an issued token into an HttpOnly cookie, and answers with the user, never the token', async () => {
  const token = tokenOf('qh-cg.staff-1', 'QH-CG', 'unit-staff');
  const res = await fetch(`${base}/console/api/session/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(200);
  expect(res.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=.+; Path=/; HttpOnly; SameSite=Strict`));
  const body = await res.text();
  expect(body).not.toContain(token.split('.')[2]);
  expect(JSON.parse(body)).toMatchObject({ userId: 'qh-cg.staff-1', unitCode: 'QH-CG', unitKind: 'township', role: 'unit-staff', unitName: { zh: '城关街道' } });

  const bad = await fetch(`${base}/console/api/session/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: `${token}x` }) });
  expect(bad.status).toBe(401);
  expect(await bad.json()).toMatchObject({ code: 'AUTH.TOKEN_INVALID', field: 'token' });
  expect(bad.headers.get('set-cookie')).toBeNull();
});

it('answers bad input to its own API with a 400 naming the field', async () => {
  const res = await fetch(`${base}/console/api/time-left`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deadlines: 'soon' }) });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'deadlines' });
  const missing = await fetch(`${base}/console/api/session/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(await missing.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'userId' });
});

it('gives the working time left until deadlines by the county calendar, negative once passed', async () => {
  const past = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
  const res = await fetch(`${base}/console/api/time-left`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deadlines: [past] }) });
  const { minutes } = (await res.json()) as { minutes: Record<string, number> };
  // a week ago is at least three working days (of 8 hours) ago, and fewer than a calendar week of minutes
  expect(minutes[past]).toBeLessThanOrEqual(-3 * 8 * 60);
  expect(minutes[past]).toBeGreaterThan(-7 * 24 * 60);
});

it("gives the county's grids as GeoJSON polygons for the map", async () => {
  const res = await fetch(`${base}/console/api/territory`);
  const body = (await res.json()) as { type: string; features: { id: string; geometry: { type: string; coordinates: number[][][] }; properties: { townshipCode: string } }[] };
  expect(body.type).toBe('FeatureCollection');
  expect(body.features).toHaveLength(212);
  const grid = body.features.find((f) => f.id === 'QH-CG-04-04');
  expect(grid).toMatchObject({ geometry: { type: 'Polygon' }, properties: { townshipCode: 'QH-CG' } });
  const ring = grid?.geometry.coordinates[0] ?? [];
  expect(ring[0]).toEqual(ring[ring.length - 1]);
});

it('sums the event counters of a Prometheus exposition', () => {
  const text = ['# HELP events_appended_total x', 'events_appended_total{type="a"} 3', 'events_appended_total{type="b"} 4', 'events_consumed_total{type="a",outcome="ok"} 5', 'other_total 9'].join('\n');
  expect(countersOf(text)).toEqual({ events_appended_total: 7, events_consumed_total: 5 });
});
