const tseslint = require('typescript-eslint');
const jest = require('eslint-plugin-jest');
const { domainBoundary } = require('./eslint.boundaries.js');

module.exports = tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'apps/console/dist/**', 'bench/results/**', 'test-output/**', '*.js', '**/*.mjs', 'test/**/*.js'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', '**/testing/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', '**.then', '**.thenThrows', '**.thenNothing', 'assert*'] }],
      'jest/no-conditional-expect': 'off',
      // Answers over HTTP are untyped JSON in tests; the assertions say what they must hold.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    ...domainBoundary,
    ignores: ['libs/domain/**/*.spec.ts'],
  },
);
