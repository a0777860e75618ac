/**
 * The report replay against a raw keyset SELECT of the same events (issue 5 targets: at least
 * 100,000 events/s folded, and at least 0.5x the raw read, in the same run).
 *
 * Seeds a fresh schema with a realistic history written by the domain's deciders
 * (certificants, certifications, CEU activities over two cycles, withdrawals, fees, audits,
 * appeals) through `appendBatch`, then measures, interleaved, BENCH_REPS times each:
 * - replay: `replayHistory` (readAll pages, knownAt filter, the domain's evolve per stream);
 * - raw: plain `pg`, keyset `SELECT ... WHERE (tx_id, global_position) > ($1, $2) ORDER BY ...
 *   LIMIT n` over the same table, rows as arrays, data and metadata JSON-parsed;
 * - store readAll alone, page after page, the events dropped (the replay's floor);
 * then, apart, the fold alone over the events held in memory, and once a whole
 * `runReport('program-statistics')`: the replay plus `cycleStatus` for every certificant and cycle.
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and
 * drops schema reports_bench_<pid>), BENCH_EVENTS (default 200000), BENCH_PAGE (default 10000),
 * BENCH_REPS (default 3).
 */
import { PostgresEventStore, type Position, type RecordedEvent } from '@recert/event-store';
import { Pool } from 'pg';
import { History } from '../libs/jobs/src/reports/history';
import { HistoryWriter } from '../libs/jobs/src/reports/history-writer.fixtures';
import { comparePositions, replayHistory } from '../libs/jobs/src/reports/replay';
import { runReport } from '../libs/jobs/src/reports/run-report';
import { median } from './lib/stats';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET_EVENTS = Number(process.env.BENCH_EVENTS ?? '200000');
const PAGE = Number(process.env.BENCH_PAGE ?? '10000');
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? '3'));
const SCHEMA = `reports_bench_${process.pid}`;
const KNOWN_AT = '2100-01-01T00:00:00.000Z';

const log = (line: string) => process.stdout.write(`${line}\n`);
const perSec = (events: number, ms: number) => Math.round((events / ms) * 1000);

/** A seeded generator, so every run seeds the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateIn = (year: number, dayOfYear: number) => {
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

const CERTIFICATIONS = ['CSCS', 'NSCA-CPT', 'TSAC-F', 'CSPS'] as const;
const GROUNDS = ['illness', 'disability', 'military', 'bereavement', 'other'];

/** One certificant's life over the 2021-2023 and 2024-2026 cycles, decided by the domain. */
function seedCertificant(writer: HistoryWriter, n: number, next: () => number): void {
  const id = `c${String(n).padStart(6, '0')}`;
  const first = CERTIFICATIONS[n % 4]!;
  const certifications = [{ certification: first, earnedOn: dateIn(2012 + (n % 8), n % 300) }];
  if (next() < 0.3) certifications.push({ certification: CERTIFICATIONS[(n + 1) % 4]!, earnedOn: dateIn(2016, n % 300) });
  writer.register(id, { on: '2021-01-04', memberId: next() < 0.6 ? `M-${n}` : null, certifications });
  for (const [cycle, startYear] of [['2021-2023', 2021], ['2024-2026', 2024]] as const) {
    const activities = 8 + Math.floor(next() * 14);
    for (let i = 0; i < activities; i++) {
      const activityDate = dateIn(startYear + Math.floor((i / activities) * 3), Math.floor(next() * 330));
      const reportedOn = dateIn(startYear + 2, 340);
      const activityId = `${id}-${cycle}-${i}`;
      const kind = next();
      const input =
        kind < 0.7
          ? { activityType: 'event-attendance', activityDate, title: `Clinic ${i}`, hours: 2 + Math.floor(next() * 18), provider: 'NSCA' }
          : kind < 0.85
            ? { activityType: 'nsca-quiz', activityDate, title: `Quiz ${i}`, quizScore: 70 + Math.floor(next() * 30) }
            : kind < 0.95
              ? { activityType: 'college-course', activityDate, title: `Course ${i}`, creditHours: 3, creditSystem: 'semester' as const }
              : { activityType: 'first-aid', activityDate, title: 'First Aid' };
      writer.report(id, cycle, activityId, input, reportedOn);
      if (next() < 0.03) writer.withdraw(id, cycle, activityId, reportedOn);
    }
    const paidOn = dateIn(startYear + 2, 345);
    if (next() < 0.85) for (const { certification } of certifications) writer.payRecertificationFee(id, cycle, certification, `${id}-${cycle}-${certification}`, paidOn);
    if (cycle === '2024-2026' && next() < 0.05) {
      writer.selectForAudit(`au-${id}`, id, cycle, paidOn);
      writer.closeAudit(`au-${id}`, next() < 0.8 ? dateIn(startYear + 2, 350) : dateIn(startYear + 3, 50));
    }
    if (cycle === '2021-2023' && next() < 0.01) {
      writer.fileAppeal(`ap-${id}`, id, cycle, GROUNDS[n % GROUNDS.length]!, '2024-02-10');
      if (next() < 0.5) writer.decideAppeal(`ap-${id}`, 'granted', '2024-03-01', { kind: 'extension', until: '2024-06-30' });
      else writer.decideAppeal(`ap-${id}`, 'denied', '2024-03-01');
    }
  }
}

async function seed(store: PostgresEventStore): Promise<number> {
  const writer = new HistoryWriter();
  const next = random(20261124);
  let written = 0;
  for (let n = 1; written + writer.pendingEvents < TARGET_EVENTS; n++) {
    seedCertificant(writer, n, next);
    if (writer.pendingEvents >= 20_000) written += await writer.flush(store);
  }
  return written + (await writer.flush(store));
}

/** The raw read: keyset pages over the same table, payloads parsed, no store in between. */
async function rawRead(pool: Pool): Promise<number> {
  let after: Position = { txId: '0', globalPosition: '0' };
  let count = 0;
  for (;;) {
    const { rows } = await pool.query<unknown[]>({
      name: 'reports-bench-raw',
      // ORDER BY names the table's columns (e.): the output columns of the same name are text.
      text: `SELECT e.tx_id::text, e.global_position::text, e.stream_id, e.stream_revision, e.type, e.schema_version, e.data::text, e.metadata::text
               FROM "${SCHEMA}".events e WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
              ORDER BY e.tx_id, e.global_position LIMIT $3`,
      values: [after.txId, after.globalPosition, PAGE],
      rowMode: 'array',
    });
    for (const row of rows) {
      JSON.parse(row[6] as string);
      JSON.parse(row[7] as string);
    }
    count += rows.length;
    if (rows.length < PAGE) return count;
    const last = rows[rows.length - 1]!;
    after = { txId: last[0] as string, globalPosition: last[1] as string };
  }
}

async function main(): Promise<void> {
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  const store = await PostgresEventStore.create({ connectionString: DATABASE_URL, schema: SCHEMA, listen: false, poolConfig: { max: 4 } });
  const raw = new Pool({ connectionString: DATABASE_URL, max: 4 });
  try {
    const seedStart = performance.now();
    const events = await seed(store);
    await admin.query(`VACUUM (ANALYZE) "${SCHEMA}".events`);
    log(`seeded ${events} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s (schema ${SCHEMA}, page ${PAGE}, ${REPS} reps)`);

    const replayMs: number[] = [];
    const rawMs: number[] = [];
    const storeMs: number[] = [];
    const runs: (() => Promise<void>)[] = [
      async () => {
        const t = performance.now();
        const replay = await replayHistory(store, { knownAt: KNOWN_AT, pageSize: PAGE });
        replayMs.push(performance.now() - t);
        if (replay.eventsRead !== events || replay.history.eventsFolded !== events) throw new Error(`replay read ${replay.eventsRead}, folded ${replay.history.eventsFolded} of ${events}`);
      },
      async () => {
        const t = performance.now();
        const read = await rawRead(raw);
        rawMs.push(performance.now() - t);
        if (read !== events) throw new Error(`raw read ${read} of ${events}`);
      },
      async () => {
        // The store's own readAll, page after page, nothing done with the events: the replay's floor.
        const t = performance.now();
        let read = 0;
        for (let from: Position = { txId: '0', globalPosition: '0' }; ; ) {
          const page = await store.readAll(from, PAGE);
          read += page.length;
          if (page.length < PAGE) break;
          from = page[page.length - 1]!.position;
        }
        storeMs.push(performance.now() - t);
        if (read !== events) throw new Error(`readAll read ${read} of ${events}`);
      },
    ];
    // Warm-up (JIT, plan cache, buffer cache), then interleaved, the order swapped every repetition.
    for (const run of runs) await run();
    replayMs.length = rawMs.length = storeMs.length = 0;
    for (let rep = 0; rep < REPS; rep++) {
      for (let i = 0; i < runs.length; i++) await runs[(i + rep) % runs.length]!();
    }

    // The fold alone, over the events held in memory: measured apart, so that holding 200,000
    // parsed events does not weigh on the garbage collector during the two reads above.
    let inMemory: RecordedEvent[] = [];
    for (let from: Position = { txId: '0', globalPosition: '0' }; ; ) {
      const page = await store.readAll(from, PAGE);
      for (const event of page) inMemory.push(event);
      if (page.length < PAGE) break;
      from = page[page.length - 1]!.position;
    }
    if (inMemory.length !== events) throw new Error(`readAll saw ${inMemory.length} of ${events} events (a transaction open elsewhere?)`);
    const lastPosition = inMemory[inMemory.length - 1]!.position;
    const foldMs: number[] = [];
    for (let rep = 0; rep <= REPS; rep++) {
      const t = performance.now();
      const history = new History();
      for (const event of inMemory) if (event.metadata.recordedAt <= KNOWN_AT) history.apply(event);
      if (rep > 0) foldMs.push(performance.now() - t);
    }
    inMemory = [];

    const reportStart = performance.now();
    const report = await runReport(store, { type: 'program-statistics', asOf: '2027-03-31', knownAt: KNOWN_AT }, { pageSize: PAGE });
    const reportMs = performance.now() - reportStart;
    if (comparePositions(report.generatedFrom.head, lastPosition) !== 0) throw new Error('the report did not reach the head');

    const replayRate = perSec(events, median(replayMs));
    const rawRate = perSec(events, median(rawMs));
    const foldRate = perSec(events, median(foldMs));
    const ratio = replayRate / rawRate;
    log('');
    log(`| measure | median ms | events/s |`);
    log(`| --- | ---: | ---: |`);
    log(`| replay (readAll + knownAt filter + domain evolve) | ${median(replayMs).toFixed(0)} | ${replayRate.toLocaleString('en-US')} |`);
    log(`| raw keyset SELECT, payloads parsed | ${median(rawMs).toFixed(0)} | ${rawRate.toLocaleString('en-US')} |`);
    log(`| store readAll only, page after page (no fold) | ${median(storeMs).toFixed(0)} | ${perSec(events, median(storeMs)).toLocaleString('en-US')} |`);
    log(`| fold only (events in memory) | ${median(foldMs).toFixed(0)} | ${foldRate.toLocaleString('en-US')} |`);
    log(`| runReport program-statistics (replay + cycleStatus for ${report.summary.certificants} certificant-cycles) | ${reportMs.toFixed(0)} | ${perSec(events, reportMs).toLocaleString('en-US')} |`);
    log('');
    log(`target >= 100,000 events/s folded: ${replayRate.toLocaleString('en-US')} ${replayRate >= 100_000 ? 'PASS' : 'FAIL'}`);
    log(`target >= 0.5x raw: ${ratio.toFixed(2)}x ${ratio >= 0.5 ? 'PASS' : 'FAIL'}`);
  } finally {
    await store.close();
    await raw.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
