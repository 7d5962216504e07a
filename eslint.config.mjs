// Type-checked ESLint for every project, plus Nx module boundaries: the domain never imports
// infrastructure (no database, broker, transport or logging packages, no infra libs).
import nx from '@nx/eslint-plugin';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const infrastructurePackages = [
  'pg',
  'pg-*',
  'kafkajs',
  'ioredis',
  '@grpc/*',
  '@elastic/*',
  'pino',
  'pino-*',
  '@opentelemetry/*',
  'testcontainers',
  '@testcontainers/*',
];

const boundaries = (testing) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: ['type:domain'],
        bannedExternalImports: infrastructurePackages,
      },
      {
        sourceTag: 'type:infra',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', ...testing],
      },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:testing'],
      },
      {
        sourceTag: 'type:service',
        onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:service', ...testing],
      },
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.nx/**',
      '.stack/**',
      '**/generated/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Domain code is pure: no Node built-ins either (no clock, filesystem or network).
    files: ['**/domain/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'net', 'http', 'crypto', 'child_process'],
              message: 'Domain code is pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Time arrives in the command.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness arrives in the command.' },
      ],
    },
  },
  {
    // Tests (and only tests) may use the test harness.
    files: ['**/*.spec.ts', '**/bench/**/*.ts', '**/fixtures/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['type:testing']),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  prettier,
);
