// Lint rules that keep the architecture honest (DESIGN.md section 2):
// - project boundaries by tag (type x scope), enforced by Nx;
// - domain code imports no framework, database, broker or Temporal client/worker package;
// - workflow code imports no Node built-in and leaves no promise floating.
import nx from '@nx/eslint-plugin';

const FRAMEWORK_AND_ENGINES = ['@nestjs/*', 'nestjs-pino', 'express', 'typeorm', 'pg', 'kafkajs', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'];
const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'stream', 'util', 'events', 'process', 'timers', 'worker_threads', 'zlib', 'dns', 'url'];

export default [
  { ignores: ['**/node_modules', '**/dist', '.nx', 'coverage', '**/scripts/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // whole-system tests start several apps through the root test/support helpers
          allow: ['../../../test/support/*'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:infrastructure', 'type:testing'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:infrastructure', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:infrastructure'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contract'], bannedExternalImports: FRAMEWORK_AND_ENGINES },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], bannedExternalImports: FRAMEWORK_AND_ENGINES },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:shared', 'scope:intake'] },
            { sourceTag: 'scope:dispatch', onlyDependOnLibsWithTags: ['scope:shared', 'scope:dispatch'] },
            { sourceTag: 'scope:handling', onlyDependOnLibsWithTags: ['scope:shared', 'scope:handling'] },
            { sourceTag: 'scope:evaluation', onlyDependOnLibsWithTags: ['scope:shared', 'scope:evaluation'] },
            { sourceTag: 'scope:case-worker', onlyDependOnLibsWithTags: ['scope:shared', 'scope:case-worker'] },
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:shared', 'scope:console'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    // the deciders inside the apps: plain TypeScript only
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: FRAMEWORK_AND_ENGINES, message: 'domain code is plain TypeScript: keep Nest, databases, Kafka and Temporal at the edges' }] }],
    },
  },
  {
    // workflow code is replayed: deterministic, no I/O, no Node built-ins
    files: ['apps/case-worker/src/workflows/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: NODE_BUILTINS, message: 'workflow code may not use Node built-ins: it must stay deterministic' },
            { group: FRAMEWORK_AND_ENGINES, message: 'workflow code imports only @temporalio/workflow, @temporalio/common and pure code; activities are imported with `import type`' },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
];
