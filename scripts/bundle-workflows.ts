// Bundles case-worker's workflow code the way the Temporal worker does (webpack, workspace libs
// through their symlinks) and writes it to apps/case-worker/dist/workflow-bundle.js: proves in CI
// that the bundle builds, and gives production workers a prebuilt bundle.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

async function main(): Promise<void> {
  const app = path.join(__dirname, '..', 'apps', 'case-worker');
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(app, 'src', 'workflows', 'index.ts') });
  fs.mkdirSync(path.join(app, 'dist'), { recursive: true });
  const out = path.join(app, 'dist', 'workflow-bundle.js');
  fs.writeFileSync(out, code);
  console.log(`workflow bundle: ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
