import {
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleStatusOfRecords,
  cycleStream,
  fold,
  policyFor,
  type CertificantState,
  type Decider,
} from '@recert/domain';
import { decideAndAppend, PostgresEventStore, START, type RecordedEvent } from '@recert/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { createDataSource, poolOf } from '../data-source';
import { ProjectionRunner } from '../projection-runner';
import { Projections } from '../projections';
import { quoteIdent } from '../shadow-tables';
import { DATABASE_URL } from '../testing/read-model-test-database';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  CycleStatusFactsNotStored1764600000002,
  CycleStatusTables1764200000000,
  cycleStatusProjection,
  readCycleStatusRecord,
  type CycleStatusRow,
} from '.';

jest.setTimeout(30_000);
const PROGRESS_TIMEOUT_MS = 20_000;
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const PREVIOUS = '2021-2023';
const CYCLE = '2024-2026';
const TABLES: EntityTarget<ObjectLiteral>[] = [CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity];

let schema: string;
let admin: Pool;
let dataSource: DataSource;
let store: PostgresEventStore;

beforeAll(async () => {
  schema = `rm_cs_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize: 6,
    entities: [CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity],
    migrations: [CycleStatusTables1764200000000, CycleStatusFactsNotStored1764600000002],
    searchPath: schema,
    applicationName: 'recert-read-models-test',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  store = await PostgresEventStore.create({ pool: poolOf(dataSource), schema, listen: false });
  await seed();
});

afterAll(async () => {
  await store?.close();
  await dataSource?.destroy();
  try {
    await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}__rebuild__${cycleStatusProjection.name}`)} CASCADE`);
  } finally {
    await admin.end();
  }
});

const at = (today: string) => ({ today, now: `${today}T12:00:00.000Z`, actor: { id: 'staff-1', role: 'staff' } as const });

/** The domain decides the events, as a handler would; the test only appends them, dated like the app does. */
async function decide<C, E extends { type: string; data: unknown }, S, X extends { today: string }>(
  decider: Decider<C, E, S, X>,
  streamId: string,
  command: C,
  context: X,
): Promise<E[]> {
  const outcome = await decideAndAppend(store, decider, streamId, command, context, {
    metadata: { occurredAt: (context as { today: string }).today, actor: (context as { actor?: never }).actor },
  });
  return outcome.events;
}

async function certificantState(id: string): Promise<CertificantState> {
  return fold(certificantDecider, (await store.readStream(certificantStream(id))).map(({ type, data }) => ({ type, data }) as never));
}

const ids = { ada: randomUUID(), bo: randomUUID() };
const CSCS = [{ certification: 'CSCS' as const, earnedOn: '2019-05-01' }];

/**
 * Ada completes 2021-2023 and starts 2024-2026; Bo, her duplicate account, reports one activity
 * in 2024-2026 and is merged into her; Ada's 2021-2023 is drawn for audit.
 */
async function seed(): Promise<void> {
  for (const id of [ids.ada, ids.bo]) {
    await decide(certificantDecider, certificantStream(id), { type: 'RegisterCertificant', certificantId: id, firstName: 'A', lastName: 'B', email: `${id}@x.org` }, at('2019-05-10'));
    await decide(certificantDecider, certificantStream(id), { type: 'EarnCertification', certificantId: id, certification: 'CSCS', earnedOn: '2019-05-01' }, at('2019-05-10'));
    await decide(certificantDecider, certificantStream(id), { type: 'ReceiveCertificationDocuments', certificantId: id, certification: 'CSCS', documents: ['x'] }, at('2019-05-10'));
  }
  const previous = { ...at('2023-06-01'), policy: policyFor(PREVIOUS), certifications: CSCS, member: false };
  for (const activity of [
    { activityType: 'event-attendance', activityDate: '2022-03-05', title: 'Conference', hours: 20 },
    { activityType: 'event-attendance', activityDate: '2022-09-10', title: 'Symposium', hours: 20 },
    { activityType: 'pre-approved-home-study', activityDate: '2023-02-01', title: 'Course', ceus: 2 },
  ]) {
    await decide(cycleDecider, cycleStream(ids.ada, PREVIOUS), { type: 'ReportActivity', certificantId: ids.ada, cycle: PREVIOUS, reportedBy: 'certificant', activityId: randomUUID(), ...activity } as never, previous);
  }
  await decide(cycleDecider, cycleStream(ids.ada, PREVIOUS), { type: 'PayFee', certificantId: ids.ada, cycle: PREVIOUS, feeId: randomUUID(), feeType: 'recertification', certification: 'CSCS', amountCents: 7500 }, previous);
  await store.append(
    `audit-${ids.ada}`,
    [{ type: 'AuditSelected', data: { auditId: `a-${ids.ada}`, certificantId: ids.ada, cycle: PREVIOUS, reason: 'draw', drawId: 'draw', selectedOn: '2024-01-10', respondBy: '2024-02-10' }, metadata: { occurredAt: '2024-01-10' } }],
    { expectedRevision: 'no_stream' },
  );
  const current = (certificantId: string) => ({ ...at('2024-03-02'), policy: policyFor(CYCLE), certifications: CSCS, member: false, certificantId });
  await decide(cycleDecider, cycleStream(ids.ada, CYCLE), { type: 'ReportActivity', certificantId: ids.ada, cycle: CYCLE, reportedBy: 'certificant', activityId: randomUUID(), activityType: 'event-attendance', activityDate: '2024-03-01', title: 'Clinic', hours: 10 }, current(ids.ada));
  await decide(cycleDecider, cycleStream(ids.bo, CYCLE), { type: 'ReportActivity', certificantId: ids.bo, cycle: CYCLE, reportedBy: 'certificant', activityId: randomUUID(), activityType: 'event-attendance', activityDate: '2024-04-01', title: 'Workshop', hours: 10 }, current(ids.bo));
  const merge = { type: 'MergeAccounts' as const, survivorId: ids.ada, duplicateId: ids.bo };
  await decide(certificantDecider, certificantStream(ids.ada), merge, { ...at('2024-05-01'), duplicate: await certificantState(ids.bo) });
  await decide(certificantDecider, certificantStream(ids.bo), merge, at('2024-05-01'));
}

async function allEvents(): Promise<RecordedEvent[]> {
  return (await store.readAll(START, 100_000)).filter((event) => cycleStatusProjection.handles(event.type));
}

async function rows(): Promise<string[][]> {
  return Promise.all(TABLES.map(async (table) => (await dataSource.getRepository(table).find()).map((row) => JSON.stringify(row)).sort()));
}

async function clear(): Promise<void> {
  for (const table of TABLES) await dataSource.getRepository(table).clear();
}

it('changes nothing when the same batch is applied twice', async () => {
  await clear();
  const events = await allEvents();
  await dataSource.transaction((manager) => cycleStatusProjection.apply(events, manager));
  const once = await rows();
  expect(once.every((table) => table.length > 0)).toBe(true);
  await dataSource.transaction((manager) => cycleStatusProjection.apply(events, manager));
  expect(await rows()).toEqual(once);
});

it('ends with the same rows whether the events come one by one or in one batch', async () => {
  await clear();
  const events = await allEvents();
  await dataSource.transaction((manager) => cycleStatusProjection.apply(events, manager));
  const together = await rows();
  await clear();
  for (const event of events) await dataSource.transaction((manager) => cycleStatusProjection.apply([event], manager));
  expect(await rows()).toEqual(together);
});

it('keeps one status row per certification, judged by cycleStatus: merged activity counts on the survivor', async () => {
  await clear();
  await dataSource.transaction(async (manager) => cycleStatusProjection.apply(await allEvents(), manager));
  const status = dataSource.getRepository(CycleStatusEntity);
  const ada = (await status.findOneByOrFail({ certificantId: ids.ada, cycle: CYCLE, certification: 'CSCS' })) as CycleStatusRow;
  expect(ada).toMatchObject({ status: 'InProgress', appliedTenths: 20, required: true, asOf: '2024-05-01', auditStatus: null });
  const completed = await status.findOneByOrFail({ certificantId: ids.ada, cycle: PREVIOUS, certification: 'CSCS' });
  expect(completed).toMatchObject({ status: 'Complete', appliedTenths: 60, recertificationFeePaid: true, auditStatus: 'open', completedOn: '2023-06-01' });
});

it('reads what the GET judges in one query: the cycle, the previous one and the merged account, judged as the status rows were', async () => {
  await clear();
  await dataSource.transaction(async (manager) => cycleStatusProjection.apply(await allEvents(), manager));
  const record = await readCycleStatusRecord(dataSource, ids.ada, CYCLE);
  expect(record.cycle?.asOf).toBe('2024-05-01');
  expect(record.records?.previous?.activities.length).toBeGreaterThan(0);
  expect(record.records?.merged.map((state) => state.activities.length)).toEqual([1]);
  const judged = cycleStatusOfRecords(record.records!, '2024-05-01');
  const stored = await dataSource.getRepository(CycleStatusEntity).findBy({ certificantId: ids.ada, cycle: CYCLE });
  expect(judged.certifications.map(({ certification, status, appliedTenths, countsFrom }) => ({ certification, status, appliedTenths, countsFrom }))).toEqual(
    stored.map(({ certification, status, appliedTenths, countsFrom }) => ({ certification, status, appliedTenths, countsFrom })),
  );
  expect(await readCycleStatusRecord(dataSource, randomUUID(), CYCLE)).toEqual({ certificant: null, cycle: null, records: null });
});

it('rebuilds into tables equal to the live ones, row for row', async () => {
  await clear();
  const runner = new ProjectionRunner({ dataSource, store, projection: cycleStatusProjection, batchSize: 3, rebuildBatchSize: 3, idleMs: 5, retryDelayMs: 5, logger: silent });
  const facade = new Projections({ dataSource, store, names: [cycleStatusProjection.name], eventsTable: `"${schema}".events`, pollMs: 5 });
  try {
    await runner.catchUp();
    const live = await rows();
    expect(live[0]!.length).toBeGreaterThan(0);
    await facade.requestRebuild(cycleStatusProjection.name);
    const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
    while (!(await runner.step()).swapped) expect(Date.now()).toBeLessThan(deadline);
    expect(await rows()).toEqual(live);
  } finally {
    await runner.stop();
    await facade.close();
  }
});
