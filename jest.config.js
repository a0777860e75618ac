// Tests are tiered by file name (style.md habit 7): unit (pure), int (real PostgreSQL/Redis),
// e2e (the running app over HTTP). Nest 12 packages ship as ESM, so swc turns them into CommonJS.
const swc = ['@swc/jest', { ...require('./.swcrc-jest.js') }];
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: {
    '^@recert/(domain|event-store|read-models|jobs)$': '<rootDir>/libs/$1/src',
  },
  // TypeScript sources first: a stray compiled .js beside a .ts must never shadow it.
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'node'],
  testEnvironment: 'node',
  rootDir: __dirname,
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  rootDir: __dirname,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    // Real PostgreSQL, Redis and HTTP: a ceiling for a step on a busy machine, never an assertion on time.
    { ...shared, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'], testTimeout: 30_000 },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'], testTimeout: 30_000 },
    // The staff console in Debian's Chromium (playwright-core), against the real app and database.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/console/**/*.browser-spec.ts'], globalSetup: '<rootDir>/test/console/build-console.js' },
  ],
};
