// Two levels of tests, named by their file suffix:
//   unit         *.spec.ts       pure logic, no engine
//   integration  *.int-spec.ts   real PostgreSQL, Kafka and Temporal
//                *.e2e-spec.ts   whole-system scenarios through real HTTP and the engines
const preset = require('./jest.preset');

const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'];

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...preset, displayName: 'unit', rootDir: __dirname, roots, testMatch: ['**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      rootDir: __dirname,
      roots,
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFiles: ['<rootDir>/libs/testing/src/quiet-temporal.ts'],
      slowTestThreshold: 30,
    },
  ],
};
