import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');

const node = (file: string, code: string) => ({ file, code });
const CASES = {
  deciderImports: ['@nestjs/common', 'pg', 'kafkajs', '@temporalio/client', 'typeorm'].map((pkg) =>
    node('apps/dispatch/src/domain/example.ts', `import * as x from '${pkg}';\nexport const y = x;\n`),
  ),
  workflowImports: ['node:fs', 'crypto', '@temporalio/client', '@temporalio/activity'].map((pkg) =>
    node('apps/case-worker/src/workflows/case.workflow.ts', `import * as x from '${pkg}';\nexport const y = x;\n`),
  ),
  floating: [node('apps/case-worker/src/workflows/case.workflow.ts', `import { sleep } from '@temporalio/workflow';\nexport async function w() { sleep(1000); }\n`)],
  contractImportsPg: [node('libs/contracts/src/example.ts', `import { Pool } from 'pg';\nexport const p = Pool;\n`)],
  appImportsApp: [node('apps/dispatch/src/example.ts', `import { intakeCase } from '@county/intake/src/domain/intake-case';\nexport const x = intakeCase;\n`)],
  cleanWorkflow: [node('apps/case-worker/src/workflows/index.ts', `import { sleep } from '@temporalio/workflow';\nexport async function w() { await sleep(1000); }\n`)],
};
let results: Record<keyof typeof CASES, string[][]>;

beforeAll(() => {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  // the Nx boundary rule reads the project graph that Nx caches
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env, stdio: 'ignore' });
  const keys = Object.keys(CASES) as (keyof typeof CASES)[];
  const all = keys.flatMap((k) => CASES[k]);
  const out = JSON.parse(execFileSync('node', [path.join(__dirname, 'lint-snippets.mjs')], { cwd: root, env, input: JSON.stringify(all), encoding: 'utf8' })) as string[][];
  results = {} as typeof results;
  let i = 0;
  for (const k of keys) results[k] = CASES[k].map(() => out[i++]);
}, 120_000);

describe('module boundaries are enforced by lint', () => {
  it('keeps Nest, databases, Kafka and Temporal clients out of deciders', () => {
    for (const errors of results.deciderImports) expect(errors.join('\n')).toMatch(/no-restricted-imports: .*domain code is plain TypeScript/);
  });

  it('keeps Node built-ins and engine clients out of workflow code', () => {
    for (const errors of results.workflowImports) expect(errors.join('\n')).toMatch(/no-restricted-imports/);
  });

  it('refuses a floating promise in workflow code', () => {
    expect(results.floating[0].join('\n')).toMatch(/no-floating-promises/);
  });

  it('refuses engine packages in domain and contract libraries (Nx tags)', () => {
    expect(results.contractImportsPg[0].join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('refuses one app importing another app', () => {
    expect(results.appImportsApp[0].join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('lets a workflow import @temporalio/workflow and pure code', () => {
    expect(results.cleanWorkflow[0]).toEqual([]);
  });
});
