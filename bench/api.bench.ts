/**
 * `npm run bench:api`: issue 4's targets, measured on the real app (createApp) over HTTP on a
 * fresh PostgreSQL database. See bench/README.md ("API benchmark").
 *
 * 1. commands: 8 concurrent clients report activities for their own certificants (registered
 *    first over HTTP, not timed): commands/s, p50/p99 latency, and the time from the last answer
 *    until every projection has passed the last position (polling GET /api/v1/projections).
 * 2. query: 100,000 certificants (x BENCH_SCALE) seeded straight into the store, from a thread of
 *    its own (bench/lib/seed-thread.ts: the API's heap stays as production has it), with
 *    appendBatch, every event decided by the domain's deciders (HistoryWriter): registered,
 *    certified, documents received, BENCH_ACTIVITIES activities, the recertification fee. Then
 *    GET /certificants/:id/cycles/2024-2026 for random ids, from 1 client (the target: a query's
 *    latency) and then from 8 concurrent clients (the same query under load): p50/p99.
 * 3. rebuild: the projections are stopped while seeding, then restarted and timed until they
 *    have caught up with the whole seeded log (catch-up), and then every read model is rebuilt
 *    (Projections.requestRebuild for each) and timed until every shadow table set is swapped in.
 *    Below 1,000,000 events the 1M figure is extrapolated from the measured events/s (labelled).
 *
 * Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates and drops
 * recert_bench_api_<pid> on it), BENCH_SCALE (default 1), BENCH_ONLY (comma list of
 * commands,query,rebuild; query and rebuild share the seeding), BENCH_ACTIVITIES (default 6),
 * BENCH_REBUILDS (default 1: how many times the rebuild step runs; the table shows the median),
 * BENCH_RESULTS_DIR (default ./bench/results), BENCH_RUNNERS (`worker`, the default: the projection
 * runners in a worker process of their own, RECERT_MODE=worker beside an API in RECERT_MODE=api, as
 * production runs them; `inline`: API and runners in the bench's process, RECERT_MODE=all),
 * BENCH_CLIENTS (default 8), BENCH_WARMUP (commands before the measured ones; default half of them),
 * BENCH_COMMAND_RUNS (default 1: measured command runs; the table shows the median one),
 * BENCH_CPU_PROFILE (a folder: V8 CPU profile of the API's thread during the measured commands).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { PerformanceObserver, constants as perf, type PerformanceEntry } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import type { EventStore } from '@recert/event-store';
import { Projections } from '@recert/read-models';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/app';
import { loadRecertConfig } from '../apps/api/src/config/recert-config';
import { DATA_SOURCE, EVENT_STORE } from '../apps/api/src/database/tokens';
import { ProjectionRunners } from '../apps/api/src/projections/projection-runners';
import { HttpClient, quantile, type Reply } from './lib/http-load';
import { writeResults } from './lib/results';
import { loadInThread } from './lib/load-thread';
import { seedInThread } from './lib/seed-thread';
import { median } from './lib/stats';
import { WorkerProcess } from './lib/worker-process';
import { onInterrupt } from './lib/interrupt';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? '6');
const RUNNERS_IN = process.env.BENCH_RUNNERS === 'inline' ? 'inline' : 'worker';
const REBUILDS = Math.max(1, Number(process.env.BENCH_REBUILDS ?? '1'));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const COMMAND_RUNS = Math.max(1, Number(process.env.BENCH_COMMAND_RUNS ?? '1'));
const CYCLE = '2024-2026';
const TODAY = '2026-06-15';
const ADMIN = { email: 'admin@bench.test', password: 'bench admin password 1234' };

const n = (base: number, min = 10): number => Math.max(min, Math.round(base * SCALE));
const SIZES = {
  /** Certificants per client in the command run (each gets commands round-robin). */
  certificantsPerClient: n(25, 5),
  commands: n(4000, 400),
  seededCertificants: n(100_000, 1000),
  queries: n(4000, 800),
};
const TARGETS = { commandsPerSec: 1000, commandP99Ms: 50, caughtUpMs: 1000, queryP99Ms: 10, rebuildSecsAt1M: 60 };

const log = (msg: string): void => {
  process.stderr.write(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};
const want = (id: string): boolean => !ONLY || ONLY.includes(id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectOk(reply: Reply, what: string): void {
  if (reply.status < 200 || reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

interface CommandRun {
  wallMs: number;
  commandsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  lastPosition: number;
  caughtUpMs: number;
  caughtUpPolls: number;
  failures: string[];
}

interface Row {
  figure: string;
  measured: string;
  target: string;
  pass: boolean | null;
  note?: string;
}

interface ProjectionItem {
  name: string;
  position: number;
  head: number;
  lag: number;
  parkedStreams: number;
  status: string;
}

/**
 * Polls GET /api/v1/projections every `pollMs` until every projection has lag 0 with the head at
 * or past `position`. Long waits poll less often: each poll is a request and two queries that
 * would otherwise compete for the same 2 cores with what is being measured.
 */
async function untilCaughtUp(http: HttpClient, position: number, timeoutMs = 60_000, pollMs = 5): Promise<{ ms: number; polls: number; items: ProjectionItem[] }> {
  const t0 = performance.now();
  for (let polls = 1; ; polls++) {
    const reply = await http.call('GET', '/api/v1/projections');
    expectOk(reply, 'GET /projections');
    const items = (reply.body as { items: ProjectionItem[] }).items;
    if (items.every((item) => item.lag === 0 && item.head >= position)) return { ms: performance.now() - t0, polls, items };
    if (performance.now() - t0 > timeoutMs) throw new Error(`projections not caught up after ${timeoutMs} ms: ${JSON.stringify(items)}`);
    await sleep(pollMs);
  }
}

async function commandsRun(http: HttpClient, rows: Row[], results: Record<string, unknown>): Promise<void> {
  // Not timed: register each client's certificants, certified on 2022-05-01 with documents (D1.2).
  const perClient = SIZES.certificantsPerClient;
  const ids: string[][] = Array.from({ length: CLIENTS }, () => []);
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (mine, c) => {
      for (let k = 0; k < perClient; k++) {
        const reg = await http.call('POST', '/api/v1/certificants', { firstName: 'Bench', lastName: `C${c}x${k}`, email: `bench-${c}-${k}-${randomUUID()}@example.org` }, { 'idempotency-key': randomUUID() });
        expectOk(reg, 'register');
        const id = (reg.body as { certificantId: string }).certificantId;
        expectOk(await http.call('POST', `/api/v1/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2022-05-01' }, { 'idempotency-key': randomUUID() }), 'earn');
        expectOk(await http.call('POST', `/api/v1/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-score-report.pdf'] }, { 'idempotency-key': randomUUID() }), 'documents');
        mine.push(id);
      }
    }),
  );
  log(`commands: registered ${CLIENTS * perClient} certificants over HTTP in ${((performance.now() - t0) / 1000).toFixed(1)} s (3 commands each, not timed)`);

  const clients = { baseUrl: http.baseUrl, token: http.token!, clients: CLIENTS };
  const plan = { kind: 'report' as const, cycle: CYCLE, ids };
  const warmUp = Number(process.env.BENCH_WARMUP ?? Math.round(SIZES.commands / 2));
  const warm = await loadInThread({ ...clients, total: warmUp, plan: { ...plan, serialFrom: 0 } });
  if (warm.failures.length > 0) throw new Error(`warm-up commands failed: ${warm.failures.slice(0, 3).join('; ')}`);
  await untilCaughtUp(http, 0);
  log(`commands: warm-up ${warmUp} done; measuring ${SIZES.commands}`);

  // BENCH_COMMAND_RUNS measured runs, one after the other: the table shows the run with the median
  // commands/s, its latencies and its catch-up with it (the machine's speed drifts from run to run).
  const runs: CommandRun[] = [];
  for (let run = 1; run <= COMMAND_RUNS; run++) {
    const profiling = run === 1 ? await cpuProfile(process.env.BENCH_CPU_PROFILE) : undefined;
    const measured = await loadInThread({ ...clients, total: SIZES.commands, plan: { ...plan, serialFrom: warmUp + (run - 1) * SIZES.commands } });
    await profiling?.();
    const caught = await untilCaughtUp(http, measured.lastPosition);
    const done: CommandRun = {
      wallMs: measured.wallMs,
      commandsPerSec: SIZES.commands / (measured.wallMs / 1000),
      latencyMs: { p50: quantile(measured.latencies, 0.5), p90: quantile(measured.latencies, 0.9), p99: quantile(measured.latencies, 0.99), max: Math.max(...measured.latencies) },
      lastPosition: measured.lastPosition,
      caughtUpMs: caught.ms,
      caughtUpPolls: caught.polls,
      failures: measured.failures,
    };
    runs.push(done);
    log(`commands${COMMAND_RUNS > 1 ? ` run ${run} of ${COMMAND_RUNS}` : ''}: ${Math.round(done.commandsPerSec)}/s, p50 ${done.latencyMs.p50.toFixed(1)} ms, p99 ${done.latencyMs.p99.toFixed(1)} ms, caught up ${caught.ms.toFixed(0)} ms after the last answer`);
  }
  const chosen = [...runs].sort((a, b) => a.commandsPerSec - b.commandsPerSec)[Math.floor(runs.length / 2)]!;
  const failures = runs.flatMap((run) => run.failures);
  const { commandsPerSec: perSec, latencyMs: { p50, p99 } } = chosen;
  const wrong = failures.length > 0 ? `${failures.length} commands failed, e.g. ${failures[0]}` : undefined;
  const median = COMMAND_RUNS > 1 ? `, median of ${COMMAND_RUNS} runs` : '';
  rows.push(
    { figure: `report activity, ${CLIENTS} clients x ${SIZES.commands / CLIENTS}: commands/s${median}`, measured: fmt(perSec), target: `>= ${fmt(TARGETS.commandsPerSec)}`, pass: !wrong && perSec >= TARGETS.commandsPerSec, note: wrong },
    { figure: 'report activity: p50 latency', measured: `${p50.toFixed(1)} ms`, target: '-', pass: null },
    { figure: 'report activity: p99 latency', measured: `${p99.toFixed(1)} ms`, target: `< ${TARGETS.commandP99Ms} ms`, pass: !wrong && p99 < TARGETS.commandP99Ms },
    { figure: 'read models caught up after the last command', measured: `${chosen.caughtUpMs.toFixed(0)} ms`, target: `< ${TARGETS.caughtUpMs} ms`, pass: chosen.caughtUpMs < TARGETS.caughtUpMs },
  );
  results.commands = {
    certificants: CLIENTS * perClient,
    commands: SIZES.commands,
    ...chosen,
    failures: failures.length,
    runs: runs.map((run) => ({ ...run, failures: run.failures.length })),
  };
}

/** Starts V8's CPU profiler on this thread (the API's); the function it returns writes the profile into `dir`. */
async function cpuProfile(dir: string | undefined): Promise<(() => Promise<void>) | undefined> {
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `api-commands-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    log(`commands: CPU profile of the API's thread in ${file}`);
  };
}

/** The projection runners the bench stops, starts and wakes: in this process, or the worker process. */
interface RunnerControl {
  names: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  wake(): void;
  /** Inline only: how often the runners' shared reader ran a query for an ask (see SharedLogReader). */
  reads?(): string;
}

function runnerControl(app: INestApplication, worker: WorkerProcess | null, names: string[]): RunnerControl {
  if (worker) return { names, stop: () => worker.stop(), start: () => worker.start(), wake: () => undefined };
  const runners = app.get(ProjectionRunners);
  return {
    names,
    stop: async () => {
      await Promise.all(runners.runners.map((runner) => runner.stop()));
    },
    start: async () => {
      for (const runner of runners.runners) runner.start();
    },
    wake: () => runners.wake(),
    reads: () => {
      const { asks, reads, eventsRead, waits, waitedMs } = runners.reader.stats;
      return `shared reader so far: ${asks} asks, ${reads} queries, ${eventsRead} events parsed; runners ahead waited ${waits} times, ${waitedMs} ms in all`;
    },
  };
}

async function checkpointsBusy(dataSource: DataSource): Promise<number> {
  const rows: Array<{ busy: number }> = await dataSource.query(
    `SELECT count(*)::int AS busy FROM projection_checkpoints WHERE rebuild_requested_at IS NOT NULL OR rebuild_version IS NOT NULL`,
  );
  return rows[0].busy;
}

async function queryAndRebuildRuns(app: INestApplication, databaseUrl: string, http: HttpClient, runners: RunnerControl, rows: Row[], results: Record<string, unknown>): Promise<void> {
  const store = app.get<EventStore>(EVENT_STORE);
  const dataSource = app.get<DataSource>(DATA_SOURCE);
  const projections = app.get(Projections);

  // The runners stand still while seeding, so that their catch-up afterwards is measured alone.
  await runners.stop();
  const seeded = await seedInThread({ databaseUrl, count: SIZES.seededCertificants, activities: ACTIVITIES, cycle: CYCLE }, log);
  const totalEvents = Number((await dataSource.query(`SELECT count(*)::text AS n FROM events`))[0].n);
  log(`seeded ${seeded.ids.length} certificants, ${seeded.events} events in ${(seeded.ms / 1000).toFixed(1)} s (${totalEvents} events in the log)`);
  await dataSource.query('VACUUM (ANALYZE) events');

  const head = Number((await store.head()).globalPosition);
  // With a worker process, its start-up (about a second) is inside the catch-up time.
  const catchUpStart = performance.now();
  await runners.start();
  const caught = await untilCaughtUp(http, head, 3_600_000, 50);
  const catchUpMs = performance.now() - catchUpStart;
  const parked = caught.items.reduce((sum, item) => sum + item.parkedStreams, 0);
  log(`catch-up: ${runners.names.length} projections over ${seeded.events} seeded events in ${(catchUpMs / 1000).toFixed(1)} s; ${parked} parked streams`);
  if (runners.reads) log(runners.reads());
  // The read-model tables were just filled: their first vacuum would otherwise run under the queries.
  await dataSource.query('VACUUM (ANALYZE)');

  // A seeded certificant reads back as the deciders wrote it: CSCS with 6 activities applied.
  const sample = await http.call('GET', `/api/v1/certificants/${seeded.ids[0]}/cycles/${CYCLE}`);
  expectOk(sample, 'GET cycle status of a seeded certificant');
  const cscs = (sample.body as { certifications: Array<{ certification: string; appliedCeus: number; recertificationFeePaid: boolean }> }).certifications.find((c) => c.certification === 'CSCS');
  const seededWrong = parked > 0 || !cscs || cscs.appliedCeus <= 0 || !cscs.recertificationFeePaid ? `seeded read model wrong: ${parked} parked streams, sample ${JSON.stringify(cscs)}` : undefined;
  if (seededWrong) log(`WRONG: ${seededWrong}`);

  if (want('query')) {
    const at = seeded.ids.length.toLocaleString('en-US');
    const measureQueries = async (clients: number) => {
      const job = { baseUrl: http.baseUrl, token: http.token!, clients, plan: { kind: 'get' as const, cycle: CYCLE, ids: seeded.ids } };
      await loadInThread({ ...job, total: Math.round(SIZES.queries / 10) });
      const gc = watchGc();
      const measured = await loadInThread({ ...job, total: SIZES.queries });
      const pauses = gc.stop();
      const p50 = quantile(measured.latencies, 0.5);
      const p99 = quantile(measured.latencies, 0.99);
      const perSec = SIZES.queries / (measured.wallMs / 1000);
      const wrong = seededWrong ?? (measured.failures.length > 0 ? `${measured.failures.length} queries failed, e.g. ${measured.failures[0]}` : undefined);
      log(`query, ${clients} client(s): ${Math.round(perSec)}/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; the API process's GC meanwhile: ${pauses.summary}`);
      return { clients, queries: SIZES.queries, wallMs: measured.wallMs, queriesPerSec: perSec, latencyMs: { p50, p90: quantile(measured.latencies, 0.9), p99, max: Math.max(...measured.latencies) }, gc: pauses.figures, failures: measured.failures.length, wrong };
    };
    // The target is a query's latency: one client asking one query after another. Eight at once
    // show the same query under load, where a request also waits for the others on one Node thread.
    const alone = await measureQueries(1);
    const loaded = await measureQueries(CLIENTS);
    const scaleNote = seeded.ids.length < 100_000 ? `measured at ${at} certificants, not 100,000 (BENCH_SCALE ${SCALE})` : undefined;
    rows.push(
      { figure: `cycle status GET, 1 client, ${at} certificants: p50`, measured: `${alone.latencyMs.p50.toFixed(1)} ms`, target: '-', pass: null },
      {
        figure: `cycle status GET, 1 client, ${at} certificants: p99`,
        measured: `${alone.latencyMs.p99.toFixed(1)} ms`,
        target: `< ${TARGETS.queryP99Ms} ms at 100,000`,
        pass: !alone.wrong && alone.latencyMs.p99 < TARGETS.queryP99Ms,
        note: alone.wrong ?? scaleNote,
      },
      { figure: `cycle status GET, ${CLIENTS} clients at once: p50 / p99, queries/s`, measured: `${loaded.latencyMs.p50.toFixed(1)} / ${loaded.latencyMs.p99.toFixed(1)} ms, ${fmt(loaded.queriesPerSec)}/s`, target: '-', pass: null, note: loaded.wrong },
    );
    results.query = { certificants: seeded.ids.length, alone, loaded };
  }

  let rebuild: { ms: number; events: number; runsMs: number[] } | undefined;
  if (want('rebuild')) {
    const events = Number((await dataSource.query(`SELECT count(*)::text AS n FROM events`))[0].n);
    const runsMs: number[] = [];
    for (let run = 1; run <= REBUILDS; run++) {
      const t0 = performance.now();
      for (const name of runners.names) await projections.requestRebuild(name);
      runners.wake();
      for (;;) {
        await sleep(20);
        if ((await checkpointsBusy(dataSource)) === 0) break;
        if (performance.now() - t0 > 3_600_000) throw new Error('rebuild did not finish within an hour');
      }
      runsMs.push(performance.now() - t0);
      log(`rebuild ${run} of ${REBUILDS}: all ${runners.names.length} read models rebuilt from ${events} events in ${(runsMs[run - 1] / 1000).toFixed(1)} s`);
    }
    // Several rebuilds of the same log (BENCH_REBUILDS) compare builds within one seeding; the table shows their median.
    rebuild = { ms: median(runsMs), events, runsMs };
    if (runners.reads) log(runners.reads());
  }

  const perSec = (events: number, ms: number) => events / (ms / 1000);
  const extrapolate = (events: number, ms: number) => 1_000_000 / perSec(events, ms);
  const rebuildRow = (label: string, events: number, ms: number, wrong?: string): Row => {
    const at1M = extrapolate(events, ms);
    const exact = events >= 1_000_000;
    return {
      figure: `${label} (${runners.names.length} read models) from ${events.toLocaleString('en-US')} events`,
      measured: `${(ms / 1000).toFixed(1)} s = ${fmt(perSec(events, ms))} events/s${exact ? '' : ` -> 1M: ${at1M.toFixed(0)} s EXTRAPOLATED`}`,
      target: `< ${TARGETS.rebuildSecsAt1M} s at 1,000,000`,
      pass: !wrong && at1M < TARGETS.rebuildSecsAt1M,
      note: wrong ?? (exact ? undefined : `measured at ${events.toLocaleString('en-US')} events; the 1M figure assumes the same events/s (linear)`),
    };
  };
  rows.push(rebuildRow('catch-up from the seeded log', seeded.events, catchUpMs, seededWrong));
  if (rebuild) rows.push(rebuildRow(`rebuild (requestRebuild, shadow tables, swap)${REBUILDS > 1 ? `, median of ${REBUILDS}` : ''}`, rebuild.events, rebuild.ms, seededWrong));
  results.seed = { certificants: seeded.ids.length, activitiesEach: ACTIVITIES, events: seeded.events, ms: seeded.ms, eventsPerSec: perSec(seeded.events, seeded.ms) };
  results.catchUp = { events: seeded.events, ms: catchUpMs, eventsPerSec: perSec(seeded.events, catchUpMs), extrapolatedSecsAt1M: extrapolate(seeded.events, catchUpMs), parkedStreams: parked };
  if (rebuild) results.rebuild = { ...rebuild, eventsPerSec: perSec(rebuild.events, rebuild.ms), extrapolatedSecsAt1M: extrapolate(rebuild.events, rebuild.ms) };
}

/**
 * The GC pauses of this process (the API's, with either runner mode) while a measurement runs:
 * minor (scavenges) and the rest (major, incremental marking steps, weak callbacks), how many and
 * how long. A query's tail is mostly these (ADR 8).
 */
function watchGc(): { stop(): { summary: string; figures: Record<string, { count: number; totalMs: number; maxMs: number }> } } {
  const pauses = { minor: [] as number[], major: [] as number[] };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      (kind === perf.NODE_PERFORMANCE_GC_MINOR ? pauses.minor : pauses.major).push(entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      const figure = (ms: number[]) => ({ count: ms.length, totalMs: ms.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...ms) });
      const figures = { minor: figure(pauses.minor), major: figure(pauses.major) };
      const line = (name: string, f: { count: number; totalMs: number; maxMs: number }) => `${f.count} ${name} (${f.totalMs.toFixed(0)} ms, longest ${f.maxMs.toFixed(1)} ms)`;
      return { summary: `${line('scavenges', figures.minor)}, ${line('major', figures.major)}`, figures };
    },
  };
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function table(rows: Row[]): string {
  const head = ['figure', 'measured', 'target', 'result'];
  const cells = rows.map((r) => [r.figure, r.measured, r.target, r.pass === null ? '-' : r.pass ? 'PASS' : 'MISS']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
  const line = (c: string[]) => `| ${c.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const dbName = `recert_bench_api_${process.pid}`;
  const admin = new Client({ connectionString: BASE_URL });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  log(`database ${dbName} on PostgreSQL ${pgVersion}, scale ${SCALE}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  let app: INestApplication | undefined;
  let http: HttpClient | undefined;
  let worker: WorkerProcess | null = null;
  const cleanUp = async (): Promise<void> => {
    http?.close();
    await worker?.stop();
    await app?.close().catch((error: unknown) => log(`app close: ${String(error)}`));
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  };
  const interrupted = onInterrupt(log, cleanUp);

  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  const loadBefore = loadavg();
  try {
    const config = loadRecertConfig({
      DATABASE_URL: url.toString(),
      RECERT_ADMIN_EMAIL: ADMIN.email,
      RECERT_ADMIN_PASSWORD: ADMIN.password,
      RECERT_NOW: TODAY,
      LOG_LEVEL: 'silent',
      PORT: '0',
      RECERT_MODE: RUNNERS_IN === 'worker' ? 'api' : 'all',
    });
    app = await createApp(config);
    if (RUNNERS_IN === 'worker') {
      worker = new WorkerProcess({ DATABASE_URL: url.toString(), RECERT_NOW: TODAY, LOG_LEVEL: 'silent' });
      await worker.start();
    }
    const runners = runnerControl(app, worker, (await app.get(Projections).status()).map((status) => status.name));
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    http = new HttpClient(base, null, CLIENTS);
    const login = await http.call('POST', '/api/v1/auth/login', ADMIN);
    expectOk(login, 'sign-in');
    http.signedIn((login.body as { token: string }).token);

    if (want('commands')) await commandsRun(http, rows, results);
    if (interrupted()) return;
    if (want('query') || want('rebuild')) await queryAndRebuildRuns(app, url.toString(), http, runners, rows, results);
    if (interrupted()) return;

    const misses = rows.filter((r) => r.pass === false);
    process.stdout.write(
      `\nAPI benchmark (scale ${SCALE}; PostgreSQL ${pgVersion}; ${cpus().length} CPUs; load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
        `${RUNNERS_IN === 'worker' ? 'the API in one Node process, the projection runners in a worker process' : 'the API and the projection runners in one Node process'}, the load clients in a thread of their own)\n\n${table(rows)}\n\n` +
        rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`).join('\n') +
        `\n\n${misses.length === 0 ? 'All targets met.' : `Targets missed: ${misses.length}.`}\n`,
    );
    const file = writeResults('api', {
      at: new Date().toISOString(),
      scale: SCALE,
      runners: RUNNERS_IN,
      sizes: SIZES,
      targets: TARGETS,
      postgres: { version: pgVersion },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg() },
      results,
      table: rows,
    });
    log(`wrote ${file}`);
  } finally {
    if (!interrupted()) await cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
