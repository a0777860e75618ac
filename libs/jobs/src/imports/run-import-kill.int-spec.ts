import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importStream } from '@recert/domain';
import { importStatus } from './import-status';
import { runImport } from './run-import';
import { DATABASE_URL, ImportTestWorld } from './testing/import-test-world';

const ROWS = 20_000;
const PEOPLE = 400;

// Twenty thousand rows, twice started: under a minute.
jest.setTimeout(240_000);

let world: ImportTestWorld;
let dir: string;
beforeAll(async () => {
  world = await ImportTestWorld.create();
  await world.register(Array.from({ length: PEOPLE }, (_, i) => ({ certificantId: `k-${i}`, email: `k${i}@example.org` })));
  dir = await mkdtemp(join(tmpdir(), 'recert-kill-'));
});
afterAll(async () => {
  await world.drop();
  await rm(dir, { recursive: true, force: true });
});

it('a worker killed with SIGKILL in the middle of a 20,000-row import and run again records every CEU exactly once', async () => {
  const file = join(dir, 'attendance.csv');
  const lines = ['certificantId,activityDate,title,hours'];
  for (let row = 0; row < ROWS; row++) lines.push(`k-${row % PEOPLE},2025-0${1 + (row % 5)}-${String(1 + (row % 28)).padStart(2, '0')},Session ${row},1`);
  await writeFile(file, lines.join('\n') + '\n');

  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'testing/swc-register.js'), join(__dirname, 'testing/import-child.ts'), DATABASE_URL, world.schema, 'imp-kill', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  // Wait (on the child's own words, not a timer) until a quarter of the rows are committed.
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const done = [...out.matchAll(/progress (\d+)/g)].map((m) => Number(m[1]));
      if (done.some((n) => n >= ROWS / 4)) resolve();
    });
    child.on('exit', () => reject(new Error(`the import process ended before it was killed: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const interrupted = await importStatus(world.store, 'imp-kill');
  expect(interrupted?.status).toBe('running');
  expect(interrupted!.processedRows).toBeGreaterThanOrEqual(ROWS / 4);
  expect(interrupted!.processedRows).toBeLessThan(ROWS);
  expect(interrupted!.processedRows % 500).toBe(0);

  const resumed = await runImport(world.deps, { importId: 'imp-kill', kind: 'event-attendance', actor: 'system', source: () => createReadStream(file) });
  expect(resumed).toMatchObject({ status: 'completed', totalRows: ROWS, processedRows: ROWS, acceptedRows: ROWS, duplicateRows: 0, rejectedRows: 0 });

  const events = await world.allEvents();
  const reported = events.filter((e) => e.type === 'ActivityReported');
  expect(reported).toHaveLength(ROWS);
  expect(new Set(reported.map((e) => (e.data as { externalRef: string }).externalRef)).size).toBe(ROWS);
  expect(events.filter((e) => e.streamId === importStream('imp-kill') && e.type.startsWith('ImportRow'))).toHaveLength(ROWS);
  expect(await world.reportedTenths('k-0')).toBe(ROWS / PEOPLE);
});
