import { XMLParser } from 'fast-xml-parser';
import { randomUUID } from 'node:crypto';
import { leafCategories } from '@county/reference';
import { startSystem, type RunningSystem } from '../../../test/support/system';
import { KEYS, call, writtenRows, type Json } from './support';

let system: RunningSystem;
let base: string;
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name) });

beforeAll(async () => {
  system = await startSystem(['intake']);
  base = `${system.url('intake')}/open311/v2`;
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const form = (overrides: Record<string, string> = {}): Record<string, string> => ({
  api_key: KEYS.app,
  service_code: 'UM.SANITATION.GARBAGE',
  address_string: '白塔村2组',
  description: '垃圾三天没人清运',
  first_name: '小明',
  last_name: '赵',
  phone: '13600000005',
  'attribute[appeal_type]': 'report',
  'attribute[urgency]': 'urgent',
  ...overrides,
});

async function get(path: string) {
  return call<Json>(base, 'GET', path);
}

describe('Open311 GeoReport v2', () => {
  it('serves the discovery document in JSON and XML', async () => {
    const json = await get('/discovery.json');
    expect(json.status).toBe(200);
    expect(json.body.endpoints.endpoint[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    const x = await get('/discovery.xml');
    expect(x.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(xml.parse(x.body).discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the catalogue leaves as services and describes each with its attributes, in JSON and XML', async () => {
    const json = await get('/services.json');
    expect(json.status).toBe(200);
    expect(json.body.map((s: { service_code: string }) => s.service_code)).toEqual(leafCategories().map((c) => c.code));
    expect(json.body[0]).toEqual(expect.objectContaining({ service_code: expect.any(String), service_name: expect.any(String), metadata: true, type: 'realtime' }));
    const x = xml.parse((await get('/services.xml')).body);
    expect(x.services.service).toHaveLength(leafCategories().length);

    const def = await get('/services/UM.ORDER.PARKING.json');
    expect(def.body.service_code).toBe('UM.ORDER.PARKING');
    // the spec's JSON: attributes and values are plain lists (XML wraps them)
    expect(def.body.attributes.map((a: { code: string }) => a.code)).toEqual(['appeal_type', 'urgency']);
    expect(def.body.attributes[1].values).toEqual([
      { key: 'normal', name: expect.any(String) },
      { key: 'urgent', name: expect.any(String) },
      { key: 'emergency', name: expect.any(String) },
    ]);
    const defXml = xml.parse((await get('/services/UM.ORDER.PARKING.xml')).body);
    expect(defXml.service_definition.attributes.attribute[1].values.value.map((v: { key: string }) => v.key)).toEqual(['normal', 'urgent', 'emergency']);

    const unknown = await get('/services/NO.SUCH.THING.json');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ code: 404, description: expect.stringMatching(/service_code/) }]);
    expect((await get('/services.html')).status).toBe(404);
  });

  it('takes a form-encoded POST with api_key and attribute[...], answers the id (no token: one or the other), and reads the request back', async () => {
    const posted = await call<Json>(base, 'POST', '/requests.json', { form: form() });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual([{ service_request_id: expect.any(String), service_notice: expect.any(String), account_id: null }]);
    const id = posted.body[0].service_request_id as string;
    // the request was filed under a token all the same, and GET tokens/ still answers it
    const token = (await system.db.pool.query(`SELECT reference FROM intake.channel_references WHERE case_id = $1`, [id])).rows[0].reference as string;
    expect(token).toMatch(/^o311-/);

    const one = await get(`/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.body[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'UM.SANITATION.GARBAGE',
      description: '垃圾三天没人清运',
      address: '白塔村2组',
      address_id: 'QH-BT-01-02',
      agency_responsible: null,
      expected_datetime: null,
    });
    const stored = await system.db.pool.query(`SELECT data FROM intake.events WHERE stream_id = $1`, [id]);
    expect(stored.rows[0].data).toMatchObject({ channel: 'app', appealType: 'report', urgency: 'urgent', resident: { anonymous: false, maskedPhone: '136****0005' } });

    const oneXml = xml.parse((await get(`/requests/${id}.xml`)).body);
    expect(oneXml.service_requests.request[0]).toMatchObject({ service_request_id: id, status: 'open', expected_datetime: '' });

    const byToken = await get(`/tokens/${token}.json`);
    expect(byToken.body).toEqual([{ service_request_id: id, token }]);
    expect(xml.parse((await get(`/tokens/${token}.xml`)).body).service_requests.request[0]).toEqual({ service_request_id: id, token });
    expect((await get(`/tokens/o311-${randomUUID()}.json`)).status).toBe(404);
    expect((await get(`/requests/${randomUUID()}.xml`)).status).toBe(404);

    const postedXml = await call<string>(base, 'POST', '/requests.xml', { form: form({ phone: '13600000006', address_string: '', lat: '36.75', long: '115.205' }) });
    // an empty address_string is a bad field
    expect(postedXml.status).toBe(400);
    expect(xml.parse(postedXml.body).errors.error[0]).toEqual({ code: '400', description: expect.stringMatching(/^address_string/) });
    const { address_string: _omit, ...withoutAddress } = form({ phone: '13600000006', lat: '36.75', long: '115.205' });
    const okXml = await call<string>(base, 'POST', '/requests.xml', { form: withoutAddress });
    expect(okXml.status).toBe(200);
    expect(xml.parse(okXml.body).service_requests.request[0].service_request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists requests by ids, by service code and status, within 90 days by default', async () => {
    const a = (await call<Json>(base, 'POST', '/requests.json', { form: form({ service_code: 'UM.ORDER.ADS', phone: '13600000007' }) })).body[0].service_request_id;
    const b = (await call<Json>(base, 'POST', '/requests.json', { form: form({ service_code: 'UM.ORDER.ADS', phone: '13600000008' }) })).body[0].service_request_id;
    const byIds = await get(`/requests.json?service_request_id=${a},${b}`);
    expect(byIds.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());
    const byCode = await get('/requests.json?service_code=UM.ORDER.ADS&status=open');
    expect(byCode.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b].sort());
    expect((await get('/requests.json?service_code=UM.ORDER.ADS&status=closed')).body).toEqual([]);
    const x = xml.parse((await get('/requests.xml?service_code=UM.ORDER.ADS')).body);
    expect(x.service_requests.request).toHaveLength(2);
    // older than 90 days: not in the default window
    expect((await get('/requests.json?service_code=UM.ORDER.ADS&start_date=2025-01-01T00:00:00Z&end_date=2025-03-01T00:00:00Z')).body).toEqual([]);
    const tooWide = await get('/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-12-01T00:00:00Z');
    expect(tooWide.status).toBe(400);
    expect(tooWide.body[0].code).toBe(400);
    expect((await get('/requests.json?status=pending')).status).toBe(400);
  });

  it('refuses a POST without api_key or with a bad one (403, errors array) and bad fields (400), storing nothing', async () => {
    const before = await writtenRows(system.db.pool);
    const { api_key: _k, ...noKey } = form();
    const missing = await call<Json>(base, 'POST', '/requests.json', { form: noKey });
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual([{ code: 403, description: expect.any(String) }]);
    const badXml = await call<string>(base, 'POST', '/requests.xml', { form: form({ api_key: 'wrong' }) });
    expect(badXml.status).toBe(403);
    expect(xml.parse(badXml.body).errors.error[0].code).toBe('403');

    const unknownService = await call<Json>(base, 'POST', '/requests.json', { form: form({ service_code: 'UM.ORDER' }) });
    expect(unknownService.status).toBe(400);
    expect(unknownService.body[0].description).toMatch(/^service_code/);
    const badAttr = await call<Json>(base, 'POST', '/requests.json', { form: form({ 'attribute[colour]': 'red', 'attribute[urgency]': 'now' }) });
    expect(badAttr.status).toBe(400);
    expect(badAttr.body[0].description).toMatch(/^attribute\[/);
    const { address_string: _a, ...nowhere } = form();
    const noLocation = await call<Json>(base, 'POST', '/requests.json', { form: nowhere });
    expect(noLocation.status).toBe(400);
    const unknownField = await call<Json>(base, 'POST', '/requests.json', { form: form({ colour: 'red', lat: '91', long: '0' }) });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.map((e: { description: string }) => e.description.split(':')[0]).sort()).toEqual(['colour', 'lat']);
    const otherJurisdiction = await call<Json>(base, 'POST', '/requests.json', { form: form({ jurisdiction_id: 'elsewhere.example' }) });
    expect(otherJurisdiction.status).toBe(404);
    expect(await writtenRows(system.db.pool)).toEqual(before);
  });

  it('serves the configured jurisdiction and 404s any other', async () => {
    expect((await get('/services.json?jurisdiction_id=qinghe.example')).status).toBe(200);
    const other = await get('/services.json?jurisdiction_id=elsewhere.example');
    expect(other.status).toBe(404);
    expect(other.body).toEqual([{ code: 404, description: expect.stringMatching(/jurisdiction_id/) }]);
  });
});
