/**
 * `npm run bench:imports`: issue 5's import target, "a 10,000-row event-attendance CSV: accepted
 * and projected in under 10 s end to end", on the real PostgreSQL store.
 *
 * Seeds a fresh schema (not timed) with BENCH_CERTIFICANTS certificants decided by the domain's
 * deciders (HistoryWriter): registered, CSCS earned, documents received, BENCH_PRIOR activities
 * already reported in 2024-2026. The certificant-search and cycle-status projections catch up
 * on the seed. Then, timed from the moment the CSV is handed over:
 * - accepted: `runImport` (the worker's call: SqlCertificantDirectory over certificant_search,
 *   the CSV streamed from a file) of BENCH_ROWS event-attendance rows spread over the
 *   certificants, identified by email, member id or certificant id in turn;
 * - projected: the cycle-status projection, run by a `ProjectionRunner` started before the
 *   import as the app runs it, has passed the import's last event (`Projections.waitForPosition`).
 * Checked: every row accepted, and the projected reported CEUs grew by exactly what the import
 * accepted.
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and drops
 * schema imports_bench_<pid>), BENCH_ROWS (default 10000), BENCH_CERTIFICANTS (default 2000),
 * BENCH_PRIOR (default 3), BENCH_BATCH (rows per import transaction; default the engine's),
 * BENCH_RESULTS_DIR (default ./bench/results).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { cycleStream, importStream } from '@recert/domain';
import { PostgresEventStore } from '@recert/event-store';
import { runImport, SqlCertificantDirectory } from '@recert/jobs';
import {
  CertificantSearchEntity,
  CertificantSearchTable1764300000000,
  certificantSearchProjection,
  createDataSource,
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  CycleStatusTables1764200000000,
  cycleStatusProjection,
  poolOf,
  ProjectionRunner,
  Projections,
} from '@recert/read-models';
import { Pool } from 'pg';
import { HistoryWriter } from '../libs/jobs/src/reports/history-writer.fixtures';
import { writeResults } from './lib/results';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? '10000');
const CERTIFICANTS = Number(process.env.BENCH_CERTIFICANTS ?? '2000');
const PRIOR = Number(process.env.BENCH_PRIOR ?? '3');
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const SCHEMA = `imports_bench_${process.pid}`;
const CYCLE = '2024-2026';
const TODAY = '2025-06-15';
const TARGET_MS = 10_000;
const silent = { log: () => undefined, warn: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) };

const log = (line: string) => process.stdout.write(`${line}\n`);
const idOf = (n: number) => `c${String(n).padStart(6, '0')}`;

async function seed(store: PostgresEventStore): Promise<number> {
  const writer = new HistoryWriter();
  let written = 0;
  for (let n = 1; n <= CERTIFICANTS; n++) {
    const id = idOf(n);
    writer.register(id, { on: '2015-05-01', memberId: `M-${n}`, certifications: [{ certification: 'CSCS', earnedOn: '2015-05-01' }] });
    for (let i = 0; i < PRIOR; i++) {
      writer.report(id, CYCLE, `${id}-prior-${i}`, { activityType: 'event-attendance', activityDate: `2024-0${1 + (i % 9)}-10`, title: `Clinic ${i}`, provider: 'NSCA', hours: 2 + (i % 5) }, '2025-01-10');
    }
    if (writer.pendingEvents >= 20_000) written += await writer.flush(store);
  }
  return written + (await writer.flush(store));
}

/** The conference's attendance list: BENCH_ROWS sessions, round-robin over the certificants. */
async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  await write('certificantId,memberId,email,activityDate,title,provider,hours,externalRef');
  for (let row = 1; row <= ROWS; row++) {
    const n = ((row - 1) % CERTIFICANTS) + 1;
    const session = Math.floor((row - 1) / CERTIFICANTS);
    const who = row % 3 === 0 ? [idOf(n), '', ''] : row % 3 === 1 ? ['', `M-${n}`, ''] : ['', '', `${idOf(n)}@example.org`];
    const day = String(1 + (session % 28)).padStart(2, '0');
    await write([...who, `2025-05-${day}`, `NSCA National Conference session ${session + 1}`, 'NSCA', String(1 + (row % 4)), `conf-2025-${row}`].join(','));
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The same object, its `methods` timed: how many calls, and the milliseconds spent awaiting them
 * (summed; parallel calls overlap, so the sum can exceed the wall time).
 */
function timeCalls<T extends object>(target: T, methods: (keyof T & string)[]): { target: T; calls: Record<string, { count: number; ms: number }> } {
  const calls: Record<string, { count: number; ms: number }> = {};
  const proxy = new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || !methods.includes(property as keyof T & string)) return typeof value === 'function' ? value.bind(object) : value;
      const tally = (calls[String(property)] ??= { count: 0, ms: 0 });
      return async (...args: unknown[]) => {
        const t = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        } finally {
          tally.count++;
          tally.ms += performance.now() - t;
        }
      };
    },
  });
  return { target: proxy, calls };
}

async function main(): Promise<void> {
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${SCHEMA}"`);
  // As the app: one DataSource, its pool of 10 shared by the store and the projections.
  const dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize: 10,
    entities: [CertificantSearchEntity, CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity],
    migrations: [CertificantSearchTable1764300000000, CycleStatusTables1764200000000],
    searchPath: SCHEMA,
    applicationName: 'recert-bench-imports',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const store = await PostgresEventStore.create({ pool: poolOf(dataSource), schema: SCHEMA, listen: false });
  const runners = [certificantSearchProjection, cycleStatusProjection].map(
    (projection) => new ProjectionRunner({ dataSource, store, projection, exclusivity: 'lease', logger: silent }),
  );
  const projections = new Projections({ dataSource, store, names: runners.map((r) => r.projection.name) });
  const dir = await mkdtemp(join(tmpdir(), 'recert-import-bench-'));
  const file = join(dir, 'attendance.csv');
  try {
    const seedStart = performance.now();
    const seeded = await seed(store);
    // Caught up on the seed: both projections past its last event (the last certificant's cycle).
    const seedEnd = (await store.readStream(cycleStream(idOf(CERTIFICANTS), CYCLE))).at(-1)!.position;
    for (const runner of runners) runner.start();
    if (!(await projections.waitForPosition(seedEnd, 300_000, runners.map((r) => r.projection.name)))) throw new Error('the projections did not catch up on the seed');
    await admin.query(`VACUUM (ANALYZE) "${SCHEMA}".events`);
    await writeCsv(file);
    log(`seeded ${seeded} events for ${CERTIFICANTS} certificants (${PRIOR} activities each) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (schema ${SCHEMA})`);
    const reportedTenths = async (): Promise<number> => {
      const [row] = (await dataSource.query(`SELECT coalesce(sum(reported_tenths), 0)::int AS tenths FROM cycle_status WHERE cycle = $1`, [CYCLE])) as { tenths: number }[];
      return row.tenths;
    };
    const before = await reportedTenths();

    const timed = timeCalls(store, ['appendBatch', 'readStream', 'readStreams']);
    const directory = timeCalls(new SqlCertificantDirectory(poolOf(dataSource)), ['lookup']);
    const start = performance.now();
    const result = await runImport(
      { store: timed.target, directory: directory.target, clock: { now: () => new Date(`${TODAY}T12:00:00Z`), today: () => TODAY } },
      { importId: 'bench-attendance', kind: 'event-attendance', actor: 'system', source: () => createReadStream(file), fileName: 'attendance.csv' },
      BATCH ? { batchSize: BATCH } : {},
    );
    const acceptedMs = performance.now() - start;
    const calls = { ...timed.calls, ...directory.calls };
    // The import's last event (ImportCompleted): commit-safe `head()` can lag behind another tenant's open transaction.
    const importEnd = (await store.readStream(importStream('bench-attendance'))).at(-1)!.position;
    if (!(await projections.waitForPosition(importEnd, 120_000, cycleStatusProjection.name))) throw new Error('cycle-status did not catch up within 120 s');
    const projectedMs = performance.now() - start;
    await Promise.all(runners.map((runner) => runner.stop()));

    if (result.acceptedRows !== ROWS) throw new Error(`${result.acceptedRows} of ${ROWS} rows accepted: ${JSON.stringify(result.rejections.slice(0, 3))}`);
    const grown = (await reportedTenths()) - before;
    if (grown !== result.acceptedTenths) throw new Error(`cycle-status reported CEUs grew by ${grown} tenths; the import accepted ${result.acceptedTenths}`);

    const rate = (ms: number) => Math.round((ROWS / ms) * 1000);
    const pass = projectedMs < TARGET_MS;
    log('');
    log(`| measure | ms | rows/s | target |`);
    log(`| --- | ---: | ---: | --- |`);
    log(`| accepted (runImport: CSV read, matched, decided, recorded) | ${acceptedMs.toFixed(0)} | ${rate(acceptedMs).toLocaleString('en-US')} | |`);
    log(`| projected (cycle-status past the import's last event) | ${projectedMs.toFixed(0)} | ${rate(projectedMs).toLocaleString('en-US')} | < ${TARGET_MS.toLocaleString('en-US')} ms ${pass ? 'PASS' : 'MISS'} |`);
    log('');
    for (const [name, c] of Object.entries(calls)) log(`- in ${name}: ${c.count} calls, ${c.ms.toFixed(0)} ms awaited`);
    log(`${ROWS.toLocaleString('en-US')} rows over ${CERTIFICANTS.toLocaleString('en-US')} certificants: ${result.acceptedRows} accepted, ${result.acceptedTenths / 10} CEUs, projection lag after acceptance ${(projectedMs - acceptedMs).toFixed(0)} ms`);
    const out = writeResults('imports', {
      rows: ROWS,
      certificants: CERTIFICANTS,
      priorActivities: PRIOR,
      batchSize: BATCH ?? null,
      seededEvents: seeded,
      acceptedMs: Math.round(acceptedMs),
      projectedMs: Math.round(projectedMs),
      acceptedRowsPerSec: rate(acceptedMs),
      projectedRowsPerSec: rate(projectedMs),
      calls,
      targetMs: TARGET_MS,
      pass,
    });
    log(`results: ${out}`);
  } finally {
    await Promise.all(runners.map((runner) => runner.stop().catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
    await store.close();
    await dataSource.destroy();
    try {
      for (const name of [cycleStatusProjection.name, certificantSearchProjection.name]) await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}__rebuild__${name}" CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    } finally {
      await admin.end();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
