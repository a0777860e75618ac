import {
  auditDecider,
  auditStream,
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleStream,
  fold,
  policyFor,
  type CertificantEvent,
  type Decider,
} from '@recert/domain';
import { decideAndAppend, PostgresEventStore, START, type RecordedEvent } from '@recert/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  CertificantHistoryEntity,
  CertificantHistoryTables1764300000001,
  HistorySubjectEntity,
  certificantHistoryProjection,
  type CertificantHistoryRow,
} from '../certificant-history';
import { createDataSource, poolOf } from '../data-source';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { Projections } from '../projections';
import { quoteIdent } from '../shadow-tables';
import { DATABASE_URL } from '../testing/read-model-test-database';
import { CertificantSearchEntity, CertificantSearchTable1764300000000, certificantSearchProjection, type CertificantSearchRow } from '.';

jest.setTimeout(30_000);
const PROGRESS_TIMEOUT_MS = 20_000;
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const CYCLE = '2024-2026';
const PROJECTIONS: [Projection, EntityTarget<ObjectLiteral>[]][] = [
  [certificantSearchProjection, [CertificantSearchEntity]],
  [certificantHistoryProjection, [CertificantHistoryEntity, HistorySubjectEntity]],
];

let schema: string;
let admin: Pool;
let dataSource: DataSource;
let store: PostgresEventStore;
const ids = { ada: randomUUID(), duplicate: randomUUID(), bo: randomUUID(), audit: `draw-${randomUUID()}` };

beforeAll(async () => {
  schema = `rm_cs_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize: 6,
    entities: [CertificantSearchEntity, CertificantHistoryEntity, HistorySubjectEntity],
    migrations: [CertificantSearchTable1764300000000, CertificantHistoryTables1764300000001],
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
    for (const [projection] of PROJECTIONS) await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}__rebuild__${projection.name}`)} CASCADE`);
  } finally {
    await admin.end();
  }
});

const context = (today: string, actor: string) => ({ today, now: `${today}T12:00:00.000Z`, actor: { id: actor, role: 'staff' as const } });

/** The domain decides the events, as a handler would; the test only appends them. */
async function decide<C, E extends { type: string; data: unknown }, S, X>(decider: Decider<C, E, S, X>, streamId: string, command: C, extra: X): Promise<void> {
  await decideAndAppend(store, decider, streamId, command, extra, {
    metadata: { occurredAt: (extra as { today: string }).today, actor: (extra as { actor?: never }).actor },
  });
}

/** Ada and her duplicate account (merged), Bo with an activity and an audit of her cycle. */
async function seed(): Promise<void> {
  const at = context('2025-01-10', 'staff-1');
  const people: Array<[string, string, string, string | undefined]> = [
    [ids.ada, 'Ada', 'ada@x.org', 'M-1'],
    [ids.duplicate, 'Ada', 'ada.old@y.org', undefined],
    [ids.bo, 'Bo', 'bo@x.org', 'M-2'],
  ];
  for (const [id, firstName, email, memberId] of people) {
    await decide(certificantDecider, certificantStream(id), { type: 'RegisterCertificant', certificantId: id, firstName, lastName: 'Lifter', email, memberId }, at);
  }
  await decide(certificantDecider, certificantStream(ids.ada), { type: 'EarnCertification', certificantId: ids.ada, certification: 'CSCS', earnedOn: '2021-05-01' }, at);
  await decide(certificantDecider, certificantStream(ids.duplicate), { type: 'EarnCertification', certificantId: ids.duplicate, certification: 'CSCS', earnedOn: '2019-05-01' }, at);
  await decide(certificantDecider, certificantStream(ids.duplicate), { type: 'ReceiveCertificationDocuments', certificantId: ids.duplicate, certification: 'CSCS', documents: ['d'] }, at);
  const duplicate = fold(certificantDecider, (await store.readStream(certificantStream(ids.duplicate))).map(({ type, data }) => ({ type, data }) as CertificantEvent));
  const merge = { type: 'MergeAccounts' as const, survivorId: ids.ada, duplicateId: ids.duplicate };
  await decide(certificantDecider, certificantStream(ids.ada), merge, { ...at, duplicate });
  await decide(certificantDecider, certificantStream(ids.duplicate), merge, at);

  await decide(certificantDecider, certificantStream(ids.bo), { type: 'EarnCertification', certificantId: ids.bo, certification: 'NSCA-CPT', earnedOn: '2020-03-01' }, at);
  await decide(certificantDecider, certificantStream(ids.bo), { type: 'ReceiveCertificationDocuments', certificantId: ids.bo, certification: 'NSCA-CPT', documents: ['d'] }, at);
  const policy = policyFor(CYCLE);
  const cycleContext = { ...context('2025-02-01', 'staff-1'), policy, certifications: [{ certification: 'NSCA-CPT' as const, earnedOn: '2020-03-01' }], member: false };
  await decide(
    cycleDecider,
    cycleStream(ids.bo, CYCLE),
    { type: 'ReportActivity', certificantId: ids.bo, cycle: CYCLE, reportedBy: 'certificant', activityId: randomUUID(), activityType: 'event-attendance', activityDate: '2025-01-20', title: 'Clinic', hours: 10 } as never,
    cycleContext,
  );
  const today = { ...context('2025-02-10', 'auditor-1'), policy };
  await decide(auditDecider, auditStream(ids.audit), { type: 'SelectForAudit', auditId: ids.audit, certificantId: ids.bo, cycle: CYCLE, reason: 'draw', drawId: 'draw' }, today);
  await decide(auditDecider, auditStream(ids.audit), { type: 'ReceiveAuditDocument', auditId: ids.audit, kind: 'cpr-aed', reference: 'card-1' }, today);
}

/** Every event once the whole log is readable (commit-safe order can hold the tail back briefly). */
async function allEvents(): Promise<RecordedEvent[]> {
  const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
  const head = await store.head();
  for (;;) {
    const events = await store.readAll(START, 100_000);
    if (events.length > 0 && events[events.length - 1]!.position.globalPosition === head.globalPosition) return events;
    if (Date.now() > deadline) throw new Error('the log did not become readable');
  }
}

async function rows(tables: EntityTarget<ObjectLiteral>[]): Promise<unknown[][]> {
  return Promise.all(tables.map(async (table) => (await dataSource.getRepository(table).find()).map((row) => JSON.stringify(row)).sort()));
}

async function clear(tables: EntityTarget<ObjectLiteral>[]): Promise<void> {
  for (const table of tables) await dataSource.getRepository(table).clear();
}

async function projectAll(projection: Projection): Promise<void> {
  const events = (await allEvents()).filter((event) => projection.handles(event.type));
  await dataSource.transaction((manager) => projection.apply(events, manager));
}

describe.each(PROJECTIONS.map(([projection, tables]) => [projection.name, projection, tables] as const))('%s', (_name, projection, tables) => {
  it('changes nothing when the same batch is applied twice', async () => {
    await clear(tables);
    await projectAll(projection);
    const once = await rows(tables);
    expect(once[0]!.length).toBeGreaterThan(0);
    await projectAll(projection);
    expect(await rows(tables)).toEqual(once);
  });

  it('rebuilds into tables equal to the live ones, row for row', async () => {
    await clear(tables);
    const runner = new ProjectionRunner({ dataSource, store, projection, batchSize: 3, rebuildBatchSize: 3, idleMs: 5, retryDelayMs: 5, logger: silent });
    const facade = new Projections({ dataSource, store, names: [projection.name], eventsTable: `"${schema}".events`, pollMs: 5 });
    try {
      await runner.catchUp();
      const live = await rows(tables);
      await facade.requestRebuild(projection.name);
      const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
      while (!(await runner.step()).swapped) expect(Date.now()).toBeLessThan(deadline);
      expect(await rows(tables)).toEqual(live);
    } finally {
      await runner.stop();
      await facade.close();
    }
  });
});

it('search: one row per person, the survivor holding both accounts and found by the duplicate email', async () => {
  await clear([CertificantSearchEntity]);
  await projectAll(certificantSearchProjection);
  const repository = dataSource.getRepository(CertificantSearchEntity);
  const ada = (await repository.findOneByOrFail({ certificantId: ids.ada })) as CertificantSearchRow;
  // D1.3: the earlier earned date wins; held because the duplicate had its documents.
  expect(ada.certifications).toEqual([{ certification: 'CSCS', earnedOn: '2019-05-01', pending: false }]);
  expect(ada.searchText).toContain('ada.old@y.org');
  expect((await repository.findOneByOrFail({ certificantId: ids.duplicate })).mergedInto).toBe(ids.ada);
  const found: Array<{ certificant_id: string }> = await dataSource.query(
    'SELECT certificant_id FROM certificant_search WHERE merged_into IS NULL AND search_text LIKE $1',
    ['%ada.old%'],
  );
  expect(found.map((row) => row.certificant_id)).toEqual([ids.ada]);
});

it('history: cycle and audit events land on their certificant, with date, actor and summary', async () => {
  await clear([CertificantHistoryEntity, HistorySubjectEntity]);
  await projectAll(certificantHistoryProjection);
  const bo = (await dataSource.getRepository(CertificantHistoryEntity).find({ where: { certificantId: ids.bo } })) as CertificantHistoryRow[];
  bo.sort((a, b) => Number(a.globalPosition) - Number(b.globalPosition));
  expect(bo.map((row) => row.type)).toEqual([
    'CertificantRegistered',
    'CertificationEarned',
    'CertificationDocumentsReceived',
    'ActivityReported',
    'AuditSelected',
    'AuditDocumentReceived',
  ]);
  expect(bo[3]).toMatchObject({ occurredAt: '2025-02-01', actor: { id: 'staff-1', role: 'staff' }, summary: expect.stringContaining('"Clinic"') });
  expect(bo[5]).toMatchObject({ actor: { id: 'auditor-1' }, summary: 'Audit document received: cpr-aed (card-1).' });
});
