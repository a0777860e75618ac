/**
 * The set-based projectors fold a whole batch at once: whatever way the log is cut into batches,
 * the rows must be those of projecting it one event at a time (issue 4 "set-based projectors";
 * architecture.md "The read side": a rebuild, which reads big batches, equals the live tables,
 * which often see one event at a time). Random histories come from the domain's deciders
 * (HistoryWriter, the report tests' writer), appended to a real store on real PostgreSQL, and
 * every read model's tables are compared row for row.
 */
import type { CycleName } from '@recert/domain';
import { PostgresEventStore, type Position, type RecordedEvent } from '@recert/event-store';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntitySchema } from 'typeorm';
import { HistoryWriter } from '../../jobs/src/reports/history-writer.fixtures';
import { AppealsQueueEntity, AppealsQueueTable1764100000001, appealsQueueProjection } from './appeals-queue';
import { AuditQueueEntity, AuditQueueTable1764100000000, auditQueueProjection } from './audit-queue';
import { CertificantHistoryEntity, CertificantHistoryTables1764300000001, HistorySubjectEntity, certificantHistoryProjection } from './certificant-history';
import { CertificantSearchEntity, CertificantSearchTable1764300000000, certificantSearchProjection } from './certificant-search';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  CycleStatusFactsNotStored1764600000002,
  CycleStatusTables1764200000000,
  cycleStatusProjection,
} from './cycle-status';
import { createDataSource, poolOf } from './data-source';
import { COPY_MIN_ROWS } from './row-table';
import type { Projection } from './projection';
import { quoteIdent } from './shadow-tables';
import { DATABASE_URL } from './testing/read-model-test-database';

jest.setTimeout(180_000);
/** More with PROPERTY_RUNS=100 when changing a projector. */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

const PROJECTIONS: Projection[] = [
  cycleStatusProjection,
  certificantSearchProjection,
  certificantHistoryProjection,
  auditQueueProjection,
  appealsQueueProjection,
];
const ENTITIES: EntitySchema[] = [
  CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity,
  CertificantSearchEntity, CertificantHistoryEntity, HistorySubjectEntity,
  AuditQueueEntity, AppealsQueueEntity,
];

let schema: string;
let admin: Pool;
let dataSource: DataSource;
let store: PostgresEventStore;

beforeAll(async () => {
  schema = `rm_pb_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize: 4,
    entities: ENTITIES,
    migrations: [
      CycleStatusTables1764200000000, CertificantSearchTable1764300000000, CertificantHistoryTables1764300000001,
      AuditQueueTable1764100000000, AppealsQueueTable1764100000001, CycleStatusFactsNotStored1764600000002,
    ],
    searchPath: schema,
    applicationName: 'recert-read-models-test',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  store = await PostgresEventStore.create({ pool: poolOf(dataSource), schema, listen: false });
});

afterAll(async () => {
  await store?.close();
  await dataSource?.destroy();
  try {
    await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
  } finally {
    await admin.end();
  }
});

// --- random histories ---------------------------------------------------------------------

const PEOPLE = 3;
const CYCLES: CycleName[] = ['2021-2023', '2024-2026'];
const DAYS = ['2021-03-01', '2022-06-01', '2023-11-30', '2024-01-15', '2024-05-01', '2025-10-01', '2026-12-31', '2027-01-20'];

type Step =
  | { kind: 'register'; who: number; earnedOn: string; on: string }
  | { kind: 'report'; who: number; cycle: number; activity: number; hours: number; month: number; on: string }
  | { kind: 'withdraw'; who: number; cycle: number; activity: number; on: string }
  | { kind: 'fee'; who: number; cycle: number; on: string }
  | { kind: 'merge'; who: number; duplicate: number; on: string }
  | { kind: 'audit'; who: number; cycle: number; on: string }
  | { kind: 'close-audit'; who: number; cycle: number; on: string }
  | { kind: 'appeal'; who: number; cycle: number; on: string }
  | { kind: 'decide-appeal'; who: number; cycle: number; granted: boolean; on: string };

const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const cycle = fc.integer({ min: 0, max: CYCLES.length - 1 });
const on = fc.constantFrom(...DAYS);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), who, earnedOn: fc.constantFrom('2015-05-01', '2020-08-01', '2022-05-01'), on }),
  fc.record({ kind: fc.constant('report' as const), who, cycle, activity: fc.integer({ min: 0, max: 3 }), hours: fc.integer({ min: 1, max: 30 }), month: fc.integer({ min: 1, max: 9 }), on }),
  fc.record({ kind: fc.constant('report' as const), who, cycle, activity: fc.integer({ min: 0, max: 3 }), hours: fc.integer({ min: 1, max: 30 }), month: fc.integer({ min: 1, max: 9 }), on }),
  fc.record({ kind: fc.constant('withdraw' as const), who, cycle, activity: fc.integer({ min: 0, max: 3 }), on }),
  fc.record({ kind: fc.constant('fee' as const), who, cycle, on }),
  fc.record({ kind: fc.constant('merge' as const), who, duplicate: who, on }),
  fc.record({ kind: fc.constant('audit' as const), who, cycle, on }),
  fc.record({ kind: fc.constant('close-audit' as const), who, cycle, on }),
  fc.record({ kind: fc.constant('appeal' as const), who, cycle, on }),
  fc.record({ kind: fc.constant('decide-appeal' as const), who, cycle, granted: fc.boolean(), on }),
);

/**
 * A history opens with a registration on a day some policy's cycle holds, so that most histories
 * judge a cycle; short histories of random steps alone often registered nobody (flaky coverage).
 */
const history: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.record({ kind: fc.constant('register' as const), who, earnedOn: fc.constantFrom('2015-05-01', '2020-08-01'), on: fc.constantFrom(...DAYS.slice(0, -1)) }),
    fc.array(step, { minLength: 3, maxLength: 29 }),
  )
  .map(([first, rest]) => [first, ...rest]);

/** Appends the history the steps decide (a refused command records nothing), in the steps' order. */
async function record(steps: Step[]): Promise<RecordedEvent[]> {
  const from = await store.head();
  const run = randomUUID().slice(0, 8);
  const person = (index: number) => `${run}-p${index}`;
  const writer = new HistoryWriter();
  let written = 0;
  for (const s of steps) {
    const id = person(s.who);
    const name = 'cycle' in s ? CYCLES[s.cycle]! : CYCLES[0]!;
    const year = Number(name.slice(0, 4)) + ('month' in s ? s.month % 3 : 0);
    try {
      if (s.kind === 'register') writer.register(id, { on: s.on, certifications: [{ certification: 'CSCS', earnedOn: s.earnedOn }] });
      if (s.kind === 'report') {
        writer.report(id, name, `${id}-${name}-a${s.activity}`, { activityType: 'event-attendance', activityDate: `${year}-0${s.month}-15`, title: `Clinic ${s.activity}`, provider: 'NSCA', hours: s.hours }, s.on);
      }
      if (s.kind === 'withdraw') writer.withdraw(id, name, `${id}-${name}-a${s.activity}`, s.on);
      if (s.kind === 'fee') writer.payRecertificationFee(id, name, 'CSCS', `${id}-${name}-fee-${s.on}`, s.on);
      if (s.kind === 'merge') writer.merge(id, person(s.duplicate), s.on);
      if (s.kind === 'audit') writer.selectForAudit(`${id}-${name}-audit`, id, name, s.on);
      if (s.kind === 'close-audit') writer.closeAudit(`${id}-${name}-audit`, s.on);
      if (s.kind === 'appeal') writer.fileAppeal(`${id}-${name}-appeal`, id, name, 'illness', s.on);
      if (s.kind === 'decide-appeal') writer.decideAppeal(`${id}-${name}-appeal`, s.granted ? 'granted' : 'denied', s.on);
    } catch {
      // A refusal (DomainError) or a step about a stream that does not exist: nothing recorded.
    }
    written += await writer.flush(store);
  }
  return readAfter(from, written);
}

/** The `count` events after `from`, once the commit-safe horizon has passed them all. */
async function readAfter(from: Position, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const events = await store.readAll(from, 100_000);
    if (events.length >= count) return events;
    if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events became readable`);
  }
}

// --- projecting ---------------------------------------------------------------------------

/** Every read model's rows after projecting `events` in batches of `sizes` (cycled), one transaction each. */
async function project(events: RecordedEvent[], sizes: number[]): Promise<Record<string, unknown[]>> {
  await dataSource.query(`TRUNCATE ${ENTITIES.map((entity) => quoteIdent(dataSource.getMetadata(entity).tableName)).join(', ')}`);
  for (const projection of PROJECTIONS) {
    const handled = events.filter((event) => projection.handles(event.type));
    for (let at = 0, i = 0; at < handled.length; i++) {
      const batch = handled.slice(at, at + sizes[i % sizes.length]!);
      at += batch.length;
      await dataSource.transaction((manager) => projection.apply(batch, manager));
    }
  }
  const tables: Record<string, unknown[]> = {};
  for (const entity of ENTITIES) {
    const metadata = dataSource.getMetadata(entity);
    const order = metadata.primaryColumns.map((column) => quoteIdent(column.databaseName)).join(', ');
    tables[metadata.tableName] = await dataSource.query(`SELECT * FROM ${quoteIdent(metadata.tableName)} ORDER BY ${order}`);
  }
  return tables;
}

it('projects a random history in random batch splits into the same rows as one event at a time', async () => {
  let nonEmpty = 0;
  await fc.assert(
    fc.asyncProperty(
      history,
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
      async (steps, sizes) => {
        const events = await record(steps);
        const oneByOne = await project(events, [1]);
        if ((oneByOne.cycle_status?.length ?? 0) > 0) nonEmpty++;
        expect(await project(events, sizes)).toEqual(oneByOne);
      },
    ),
    { numRuns: RUNS },
  );
  // The histories judged somebody's cycle, not only refused commands.
  expect(nonEmpty).toBeGreaterThan(RUNS / 3);
});

it('writes the same rows in one big batch, by COPY, as in small batches, by INSERT', async () => {
  const people = COPY_MIN_ROWS + 20;
  const steps: Step[] = Array.from({ length: people }, (_, who): Step[] => [
    { kind: 'register', who, earnedOn: who % 2 ? '2015-05-01' : '2020-08-01', on: '2024-01-15' },
    { kind: 'report', who, cycle: 1, activity: 0, hours: 1 + (who % 30), month: 1 + (who % 9), on: '2025-10-01' },
    { kind: 'report', who, cycle: 1, activity: 1, hours: 12, month: 4, on: '2025-10-01' },
    ...(who % 3 ? [{ kind: 'fee' as const, who, cycle: 1, on: '2025-10-01' }] : []),
    ...(who % 10 === 0 ? [{ kind: 'audit' as const, who, cycle: 1, on: '2026-01-20' }] : []),
  ]).flat();
  const events = await record(steps);
  const small = await project(events, [COPY_MIN_ROWS / 20]);
  // Enough rows per table and batch for COPY: every timeline row, status row and new cycle row.
  expect(small.certificant_history!.length).toBeGreaterThan(COPY_MIN_ROWS);
  expect(small.cycle_status!.length).toBeGreaterThan(COPY_MIN_ROWS);
  expect(await project(events, [events.length])).toEqual(small);
});
