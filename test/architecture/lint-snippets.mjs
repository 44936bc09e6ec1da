// Lints code snippets as if they stood at given paths of the repository (used by
// boundaries.spec.ts; ESLint's flat config cannot be loaded inside jest's module sandbox).
// stdin: [{ file, code }]  stdout: [[ "ruleId: message", ... ], ...] (errors only)
import { ESLint } from 'eslint';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cwd: root });
const out = [];
for (const { file, code } of JSON.parse(input)) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  out.push(result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
