import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { domainBoundary } = require('../eslint.boundaries.js');

// The boundary rule must really bite: lint probe sources as if they lived in libs/domain.
async function lintAsDomain(source: string): Promise<string[]> {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ ...domainBoundary, files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }],
  });
  const [result] = await eslint.lintText(source, { filePath: 'libs/domain/src/probe.ts' });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('libs/domain import boundary (architecture.md, Shape)', () => {
  it.each([
    "import { Injectable } from '@nestjs/common';",
    "import { Entity } from 'typeorm';",
    "import { Queue } from 'bullmq';",
    "import { Pool } from 'pg';",
    "import { readFileSync } from 'node:fs';",
    "import { readFileSync } from 'fs';",
    "import { randomUUID } from 'crypto';",
    "import { EventStore } from '@recert/event-store';",
  ])('refuses %s', async (line) => {
    expect(await lintAsDomain(line)).toContain('no-restricted-imports');
  });

  it('refuses the real clock and randomness', async () => {
    expect(await lintAsDomain('export const t = Date.now() + Math.random();')).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
    ]);
  });

  it('accepts a pure module', async () => {
    expect(await lintAsDomain("import { x } from './shared/types';\nexport const y = x;")).toEqual([]);
  });
});
