import { SERVICE_NAMES, TOPICS } from '@county/contracts';
import { validateAgainstAsyncApi } from '@county/contracts/src/validation';
import { collectMessages, testKafka } from '@county/testing';
import { drainOutbox, startSystem, type RunningSystem } from '../../../test/support/system';
import { KEYS, appeal, call, type Json } from './support';

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem(['intake']);
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const residents = [
  { name: '测试居民甲', phone: '13912340001', email: 'jia@example.cn' },
  { name: '测试居民乙', phone: '+86 139-1234-0002' },
  { name: '测试居民丙', phone: '0086 13912340003' },
];

it("keeps residents' names, phones and e-mails in intake: no topic carries them", async () => {
  const base = system.url('intake');
  const topics = SERVICE_NAMES.map((s) => `${system.topicPrefix}${TOPICS[s]}`);
  const outside = await collectMessages(testKafka(), topics);

  const caseIds: string[] = [];
  for (const resident of residents) {
    // a case, a repeat appeal on it, and an Open311 request by the same person
    const first = await call<Json>(base, 'POST', '/api/v1/cases', { key: KEYS.hotline, body: appeal({ resident }) });
    expect(first.status).toBe(201);
    caseIds.push(first.body.caseId);
    const repeat = await call<Json>(base, 'POST', '/api/v1/cases', { key: KEYS.hotline, body: appeal({ resident }) });
    expect(repeat.body.outcome).toBe('repeat-appeal');
    const [last, ...given] = [...resident.name];
    const form: Record<string, string> = { api_key: KEYS.app, service_code: 'UM.SANITATION.GARBAGE', address_string: '白塔村3组', first_name: given.join(''), last_name: last, phone: resident.phone };
    if (resident.email) form.email = resident.email;
    const o311 = await call<Json>(base, 'POST', '/open311/v2/requests.json', { form });
    expect(o311.status).toBe(200);
    caseIds.push(o311.body[0].service_request_id);
  }
  const merged = await call(base, 'POST', `/api/v1/cases/${caseIds[1]}/merge`, { key: KEYS.centre, body: { intoCaseId: caseIds[0], reason: '同一居民同一事项' } });
  expect(merged.status).toBe(200);
  await drainOutbox(system, 'intake');

  const expected = residents.length * 3 + 1; // received + repeat per resident, received (Open311), one merge
  // delivery is at least once: count distinct events
  const distinct = (m: { value: unknown }[]) => new Set(m.map((x) => (x.value as { id: string }).id)).size;
  const seen = await outside.waitFor((m) => distinct(m) >= expected, 60_000);
  await outside.stop();
  expect(distinct(seen)).toBe(expected);

  const everything = JSON.stringify(seen.map((m) => ({ key: m.key, headers: m.headers, value: m.value })));
  for (const r of residents) {
    const digits = r.phone.replace(/\D/g, '').replace(/^(0086|86)/, '');
    expect(everything).not.toContain(digits);
    expect(everything).not.toContain(r.phone);
    expect(everything).not.toContain(r.name);
    if (r.email) expect(everything).not.toContain(r.email);
  }
  // what leaves instead: a pseudonymous id and a masked phone, and every payload is in the contract
  for (const m of seen) expect(validateAgainstAsyncApi(m.value as { type: string })).toEqual({ valid: true, errors: [] });
  const received = seen.map((m) => m.value as { type: string; data: { resident?: { residentId?: string; maskedPhone?: string } } }).filter((v) => v.type === 'case.received.v1');
  expect(received.map((v) => v.data.resident?.maskedPhone)).toEqual(expect.arrayContaining(['139****0001', '139****0002']));
  // one person, however the phone is written, is one pseudonymous id
  const ids = new Set(received.filter((v) => v.data.resident?.maskedPhone === '139****0002').map((v) => v.data.resident?.residentId));
  expect(ids.size).toBe(1);
});
