// The import boundaries of architecture.md: libs/domain is pure recertification rules and
// imports no framework and no I/O (style.md habit 12). Shared with test/boundaries.spec.ts.
const forbiddenInDomain = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'bullmq',
  'ioredis',
  'pg',
  'pg-*',
  '@electric-sql/*',
  '@kurrent/*',
  'express',
  'node:*',
  'fs',
  'fs/*',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
  'os',
  'path',
  'worker_threads',
  'dgram',
  'dns',
  'tls',
];

const domainBoundary = {
  files: ['libs/domain/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: forbiddenInDomain,
            message: 'libs/domain is pure: no framework, database, queue or node I/O imports.',
          },
          {
            group: ['@recert/*', '**/apps/**', '**/event-store/**', '**/read-models/**', '**/jobs/**'],
            message: 'libs/domain depends on nothing else in the repository.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: 'libs/domain reads no environment.' },
      { name: 'fetch', message: 'libs/domain does no I/O.' },
      { name: 'setTimeout', message: 'libs/domain does not wait.' },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'The clock comes in as an argument (habit 3).' },
      { object: 'Math', property: 'random', message: 'Randomness comes in as a seed (habit 3).' },
    ],
  },
};

module.exports = { domainBoundary, forbiddenInDomain };
