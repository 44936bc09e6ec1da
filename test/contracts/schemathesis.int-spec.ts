import { spawn, execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startSystem, type RunningSystem, type ServiceKey } from '../support/system';

/**
 * Every service's OpenAPI document (/docs-json) checked from outside by schemathesis (PyPI,
 * pinned in scripts/schemathesis.sh, installed in a virtual environment beside the engines):
 * generated requests, valid and invalid, with valid credentials for each security scheme, and
 * the response-conformance checks on: no server error, no status code the document does not
 * name, no response outside its schema, content type or headers.
 *
 * Run time is bounded by SCHEMATHESIS_MAX_EXAMPLES (examples per operation in the fuzzing
 * phase, 20 by default; about 1,000 requests per service) and a fixed SCHEMATHESIS_SEED, so a
 * failure is reproducible with the same seed.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const MAX_EXAMPLES = process.env.SCHEMATHESIS_MAX_EXAMPLES ?? '20';
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261201';
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'response_headers_conformance'];
const SERVICES: ServiceKey[] = ['intake', 'dispatch', 'handling', 'evaluation', 'case-worker'];

let system: RunningSystem;
let st: string;
const credentials: Partial<Record<ServiceKey, string[]>> = {};

async function devToken(userId: string): Promise<string> {
  const res = await fetch(`${system.url('handling')}/api/v1/dev/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  if (res.status !== 201) throw new Error(`no token for ${userId}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  const installed = await promisify(execFile)('bash', [path.join(ROOT, 'scripts', 'schemathesis.sh'), 'path'], { cwd: ROOT, timeout: 600_000 });
  st = installed.stdout.trim().split('\n').pop() ?? '';
  system = await startSystem(SERVICES);
  credentials.intake = ['X-Api-Key: dev-centre-key'];
  credentials.dispatch = [`Authorization: Bearer ${await devToken('qh-centre.dispatcher-1')}`];
  credentials.handling = [`Authorization: Bearer ${await devToken('qh-cg-01.staff-1')}`];
  credentials.evaluation = [`X-Callback-Token: ${system.env.EVALUATION_CALLBACK_TOKEN ?? 'local-callback-token'}`];
}, 900_000);

afterAll(async () => {
  await system?.stop();
});

/** Runs st without blocking this process (the services under test answer from it). */
function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(st, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 280_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

it.each(SERVICES)('%s answers as its OpenAPI document says: no 5xx, no undocumented status, no response outside its schema', async (service) => {
  const url = system.url(service);
  const headers = (credentials[service] ?? []).flatMap((h) => ['-H', h]);
  const result = await run([
    'run', `${url}/docs-json`, '--url', url, '--checks', CHECKS.join(','), '--max-examples', MAX_EXAMPLES, '--seed', SEED,
    '--workers', '1', '--no-shrink', '--request-timeout', '20', ...headers,
  ]);
  const summary = result.output.slice(result.output.indexOf('FAILURES') >= 0 ? result.output.indexOf('FAILURES') : Math.max(0, result.output.length - 3000));
  expect({ exit: result.code, summary: result.code === 0 ? 'ok' : summary.slice(0, 12_000) }).toEqual({ exit: 0, summary: 'ok' });
}, 300_000);
