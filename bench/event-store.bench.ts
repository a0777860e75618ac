/**
 * `npm run bench`: our PostgreSQL event store against Emmett's and against raw `pg`, in one
 * process, on one PostgreSQL, interleaved. See bench/README.md for what it measures.
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and drops
 * its own database recert_bench_<pid> next to it), BENCH_SCALE (default 1; 0.1 for a quick check),
 * BENCH_REPS (default 3), BENCH_PAGE (readAll page size, default 2000), BENCH_ONLY (comma list of
 * workload ids to run: w1,w8,batch,read).
 */
import { cpus } from 'node:os';
import { Client, Pool } from 'pg';
import { pinnedPool } from './lib/contender';
import type { Contender, ContenderName, StreamEvents } from './lib/contender';
import { EmmettContender } from './lib/emmett';
import { OursContender } from './lib/ours';
import { activityReported, payloadSizes } from './lib/payload';
import { RawContender } from './lib/raw';
import { median } from './lib/stats';
import { writeResults } from './lib/results';
import { onInterrupt } from './lib/interrupt';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? '3'));
const PAGE = Number(process.env.BENCH_PAGE ?? '2000');
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const POOL_SIZE = 10;
const WRITERS = 8;
const STREAMS_PER_WRITER = 50;

const n = (base: number, min = 10): number => Math.max(min, Math.round(base * SCALE));
const SIZES = {
  single1: n(2000),
  single8: n(1000),
  batch: n(10_000),
  readAll: n(200_000, 1000),
};

const ORDER: ContenderName[] = ['ours', 'emmett', 'raw'];

interface Target {
  vs: 'emmett' | 'raw';
  min: number;
}
interface WorkloadResult {
  id: string;
  workload: string;
  events: number;
  runs: Record<ContenderName, number[]>;
  eventsPerSec: Record<ContenderName, number>;
  oursVsEmmett: number;
  oursVsRaw: number;
  targets: (Target & { actual: number; pass: boolean })[];
  /** Contenders whose answers were wrong in this workload (their numbers are not valid). */
  wrong: Partial<Record<ContenderName, string>>;
  note?: string;
}

/** Wrong answers seen during a workload (by workload id, then contender): its numbers are not valid. */
const problems = new Map<string, Map<ContenderName, string>>();
function flag(workload: string, contender: ContenderName, problem: string): void {
  const byContender = problems.get(workload) ?? new Map<ContenderName, string>();
  if (!byContender.has(contender)) log(`WRONG: ${contender} ${workload}: ${problem}`);
  byContender.set(contender, problem);
  problems.set(workload, byContender);
}

let tag = 0;
const uniq = (): string => `${process.pid}x${++tag}`;
const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

/** `writers` concurrent writers, each appending `perWriter` single events round-robin over its own streams. */
async function singleAppends(c: Contender, writers: number, perWriter: number): Promise<void> {
  const run = uniq();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const streams = Array.from({ length: Math.min(STREAMS_PER_WRITER, perWriter) }, (_v, s) => ({
        id: `certificant-${run}w${w}s${s}`,
        revision: -1,
      }));
      // Building each event is inside the clock: an app does it too, and it costs all three alike.
      for (let i = 0; i < perWriter; i++) {
        const stream = streams[i % streams.length];
        await c.appendOne(stream.id, stream.revision, activityReported(i, stream.id));
        stream.revision++;
      }
    }),
  );
}

function newStreams(count: number, eventsPerStream: number): StreamEvents[] {
  const run = uniq();
  return Array.from({ length: count }, (_, i) => {
    const streamId = `certificant-${run}s${i}`;
    return { streamId, events: Array.from({ length: eventsPerStream }, (_v, k) => activityReported(i * eventsPerStream + k, streamId)) };
  });
}

async function timed(fn: () => Promise<number>): Promise<number> {
  const t0 = process.hrtime.bigint();
  const events = await fn();
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return events / secs;
}

interface Workload {
  id: string;
  label: string;
  events: number;
  targets: Target[];
  note?: string;
  /** Runs once on `c`, returns events/s. `warm` runs a small untimed round. */
  run(c: Contender, warm: boolean): Promise<number>;
}

/** Measured runs of one contender stop early once they have taken this long (Emmett's readAll). */
const SLOW_BUDGET_MS = 20_000;

async function measure(w: Workload, contenders: Contender[], settle: () => Promise<void>): Promise<WorkloadResult> {
  // A checkpoint first, so the burst of full-page writes after it lands in the warm-up, not in
  // whichever measured run would come first after an automatic one.
  await settle();
  log(`${w.label}: warm-up`);
  for (const c of contenders) await w.run(c, true);
  const runs: Record<ContenderName, number[]> = { ours: [], emmett: [], raw: [] };
  const spent: Record<ContenderName, number> = { ours: 0, emmett: 0, raw: 0 };
  const capped = new Set<ContenderName>();
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate who goes first, and reverse every other repetition, so that drift (table growth,
    // autovacuum, the rest of the machine) and who-follows-whom hit all three alike.
    let order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]);
    if (rep % 2 === 1) order = order.reverse();
    for (const c of order) {
      if (spent[c.name] > SLOW_BUDGET_MS) {
        capped.add(c.name);
        continue;
      }
      const t0 = Date.now();
      const eps = await w.run(c, false);
      spent[c.name] += Date.now() - t0;
      runs[c.name].push(eps);
      log(`${w.label}: rep ${rep + 1}/${REPS} ${c.name} ${Math.round(eps)} ev/s`);
    }
  }
  const wrong = Object.fromEntries(problems.get(w.id) ?? []) as Partial<Record<ContenderName, string>>;
  const capNote = [...capped].map((name) => `${name} measured ${runs[name].length}x only (each run > ${SLOW_BUDGET_MS / 1000} s)`);
  const note = [w.note, ...capNote].filter(Boolean).join('; ') || undefined;
  const eventsPerSec = { ours: median(runs.ours), emmett: median(runs.emmett), raw: median(runs.raw) };
  const oursVsEmmett = eventsPerSec.ours / eventsPerSec.emmett;
  const oursVsRaw = eventsPerSec.ours / eventsPerSec.raw;
  return {
    id: w.id,
    workload: w.label,
    events: w.events,
    runs,
    eventsPerSec,
    oursVsEmmett,
    oursVsRaw,
    targets: w.targets.map((t) => {
      const actual = t.vs === 'emmett' ? oursVsEmmett : oursVsRaw;
      return { ...t, actual, pass: actual >= t.min && wrong.ours === undefined && wrong[t.vs] === undefined };
    }),
    wrong,
    note,
  };
}

function workloads(): Workload[] {
  const single = (id: string, label: string, writers: number, perWriter: number, targets: Target[]): Workload => ({
    id,
    label,
    events: writers * perWriter,
    targets,
    run: (c, warm) =>
      timed(async () => {
        const per = warm ? Math.max(5, Math.round(perWriter / 10)) : perWriter;
        await singleAppends(c, writers, per);
        return writers * per;
      }),
  });
  return [
    {
      id: 'read',
      label: `readAll ${SIZES.readAll} events, pages of ${PAGE}`,
      events: SIZES.readAll,
      targets: [{ vs: 'raw', min: 0.6 }],
      note: 'ours: readAll(position, page) in commit-safe order; emmett: readMessagesBatch (its consumers\' global read); raw: keyset on global_position',
      run: (c, warm) =>
        timed(async () => {
          let ceus = 0;
          let last: readonly [bigint, bigint] = [-1n, -1n];
          let disordered = 0;
          const visit = (data: unknown, order?: readonly [bigint, bigint]): void => {
            ceus += (data as { ceus: number }).ceus;
            if (order === undefined) return;
            if (order[0] < last[0] || (order[0] === last[0] && order[1] <= last[1])) disordered++;
            last = order;
          };
          const count = await c.readAll(PAGE, warm ? Math.min(SIZES.readAll, PAGE * 5) : SIZES.readAll, visit);
          const want = warm ? Math.min(SIZES.readAll, PAGE * 5) : SIZES.readAll;
          if (count !== want || ceus !== count * 6) flag('read', c.name, `readAll returned ${count} of ${want} events`);
          if (disordered > 0) flag('read', c.name, `readAll returned ${disordered} events out of order`);
          return count;
        }),
    },
    {
      id: 'batch',
      label: `batch append ${SIZES.batch} events, 1 per stream`,
      events: SIZES.batch,
      targets: [{ vs: 'raw', min: 0.7 }],
      note: 'ours: one appendBatch (one transaction); raw: one INSERT ... SELECT FROM unnest; emmett: no multi-stream batch, so appendToStream per stream, 8 in flight',
      run: (c, warm) =>
        timed(async () => {
          const items = newStreams(warm ? Math.max(10, Math.round(SIZES.batch / 10)) : SIZES.batch, 1);
          await c.appendBatch(items);
          return items.length;
        }),
    },
    single('w1', `single-event appends, 1 writer x ${SIZES.single1}`, 1, SIZES.single1, []),
    single('w8', `single-event appends, ${WRITERS} writers x ${SIZES.single8}`, WRITERS, SIZES.single8, [
      { vs: 'emmett', min: 2.0 },
      { vs: 'raw', min: 0.6 },
    ]),
  ];
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function table(results: WorkloadResult[]): string {
  const head = ['workload', 'ours ev/s', 'emmett ev/s', 'raw ev/s', 'ours/emmett', 'ours/raw', 'targets'];
  const cell = (r: WorkloadResult, name: ContenderName): string => `${r.wrong[name] ? 'WRONG ' : ''}${fmt(r.eventsPerSec[name])}`;
  const rows = results.map((r) => [
    r.workload,
    cell(r, 'ours'),
    cell(r, 'emmett'),
    cell(r, 'raw'),
    `${r.oursVsEmmett.toFixed(2)}x`,
    `${r.oursVsRaw.toFixed(2)}x`,
    r.targets.length === 0
      ? '-'
      : r.targets.map((t) => `${t.pass ? 'PASS' : 'MISS'} ${t.vs} >= ${t.min.toFixed(1)}x`).join(', '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const dbName = `recert_bench_${process.pid}`;
  const url = new URL(BASE_URL);
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  const syncCommit = (await admin.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s")).rows[0].s;
  await admin.query(`CREATE DATABASE ${dbName}`);
  url.pathname = `/${dbName}`;
  const dbUrl = url.toString();
  log(`database ${dbName} on PostgreSQL ${pgVersion} (synchronous_commit=${syncCommit}), scale ${SCALE}, ${REPS} reps`);

  const pools: Pool[] = [];
  const contenders: Contender[] = [];
  const dropDatabase = async (): Promise<void> => {
    for (const c of contenders) await c.close().catch(() => undefined);
    for (const p of pools) await p.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  };
  const interrupted = onInterrupt(log, dropDatabase);

  try {
    const oursPool = pinnedPool(dbUrl, 'bench-ours', POOL_SIZE);
    const rawPool = pinnedPool(dbUrl, 'bench-raw', POOL_SIZE);
    const emmettPool = new Pool({ connectionString: dbUrl, max: POOL_SIZE, application_name: 'bench-emmett' });
    pools.push(oursPool, rawPool, emmettPool);
    // DROP DATABASE ... WITH (FORCE) at the end ends any connection left over; that is not an error.
    for (const p of pools) p.on('error', () => undefined);

    const ours = await OursContender.create(oursPool, { notify: process.env.BENCH_OURS_NOTIFY !== '0' });
    const raw = await RawContender.create(rawPool);
    const emmett = await EmmettContender.create(dbUrl, emmettPool, WRITERS);
    const byName = { ours, emmett, raw };
    contenders.push(...ORDER.map((name) => byName[name]));

    const settle = async (): Promise<void> => {
      await admin.query('CHECKPOINT').catch(() => undefined);
    };
    const selected = workloads().filter((w) => !ONLY || ONLY.includes(w.id));
    const results: WorkloadResult[] = [];
    for (const w of selected) {
      if (w.id === 'read') {
        // Seed the same history into each store (10 events per stream), then vacuum so every
        // table starts with the same visibility map and statistics.
        const chunk = 10_000;
        // One store at a time: seeding the three at once is over twice slower on 2 cores.
        for (const c of contenders) {
          const t0 = Date.now();
          for (let done = 0; done < SIZES.readAll; done += chunk) {
            await c.seed(newStreams(Math.min(chunk, SIZES.readAll - done) / 10, 10));
          }
          log(`seeded ${SIZES.readAll} events into ${c.name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        }
        await rawPool.query('VACUUM (ANALYZE)');
      }
      results.push(await measure(w, contenders, settle));
      if (interrupted()) return;
    }

    const order = ['w1', 'w8', 'batch', 'read'];
    results.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const sizes = payloadSizes();
    const out = table(results);
    const misses = [
      ...results.flatMap((r) => Object.entries(r.wrong).map(([name, problem]) => `${r.workload}: ${name} gave WRONG results (${problem}); its numbers do not count`)),
      ...results.flatMap((r) =>
        r.targets.filter((t) => !t.pass && t.actual < t.min).map((t) => `${r.workload}: ours/${t.vs} ${t.actual.toFixed(2)}x < ${t.min}x`),
      ),
    ];
    process.stdout.write(
      `\nEvent store benchmark (median of ${REPS}; scale ${SCALE}; PostgreSQL ${pgVersion}; synchronous_commit=${syncCommit}; ` +
        `${cpus().length} CPUs; pool ${POOL_SIZE} per store; payload ${sizes.dataBytes} B data + ${sizes.metadataBytes} B metadata)\n\n` +
        `${out}\n\n` +
        results.filter((r) => r.note).map((r) => `- ${r.workload}: ${r.note}`).join('\n') +
        `\n\n${misses.length === 0 ? 'All targets met.' : `Targets missed:\n${misses.map((m) => `- ${m}`).join('\n')}`}\n`,
    );

    const file = writeResults('event-store', {
      at: new Date().toISOString(),
      scale: SCALE,
      reps: REPS,
      readAllPageSize: PAGE,
      poolSizePerStore: POOL_SIZE,
      postgres: { version: pgVersion, synchronousCommit: syncCommit },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
      payload: sizes,
      results,
      misses,
    });
    log(`wrote ${file}`);
  } finally {
    if (!interrupted()) await dropDatabase();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
