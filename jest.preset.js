// Shared jest settings. TypeScript is compiled by SWC (type checking is the `typecheck` target).
// LEDGERLINE_TEST_TIER=unit|int|e2e narrows a run to one tier by file suffix.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const root = __dirname;
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`,
    path.join(root, target),
  ]),
);
const tier = process.env.LEDGERLINE_TEST_TIER;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: [tier ? `**/*.${tier}.spec.ts` : '**/*.spec.ts'],
  passWithNoTests: true,
  testTimeout: 30_000,
  // mTLS settings and a bearer token for every test file; no metrics endpoints (see the files).
  setupFiles: [path.join(root, 'tools/jest-security.js'), path.join(root, 'tools/jest-metrics.js')],
  // Every published event checked against its schema; a mismatch fails the file (see the file).
  setupFilesAfterEnv: [path.join(root, 'tools/jest-event-contracts.js')],
};
