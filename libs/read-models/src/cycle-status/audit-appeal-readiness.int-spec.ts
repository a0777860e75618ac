import {
  appealDecider,
  appealStream,
  auditDecider,
  auditStream,
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleStream,
  policyFor,
  type Decider,
} from '@recert/domain';
import { decideAndAppend, PostgresEventStore, START, type RecordedEvent } from '@recert/event-store';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { AppealsQueueEntity, AppealsQueueTable1764100000001, appealsQueueProjection } from '../appeals-queue';
import { AuditQueueEntity, AuditQueueTable1764100000000, auditQueueProjection } from '../audit-queue';
import { createDataSource, poolOf } from '../data-source';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { Projections } from '../projections';
import { quoteIdent } from '../shadow-tables';
import { DATABASE_URL } from '../testing/read-model-test-database';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusCyclesByCycle1764600000000,
  CycleStatusEntity,
  CycleStatusFactsNotStored1764600000002,
  CycleStatusTables1764200000000,
  cycleStatusProjection,
  type CycleStatusCycleRow,
} from '.';
import { cycleStatusOfRecords } from '@recert/domain';

jest.setTimeout(30_000);
const PROGRESS_TIMEOUT_MS = 20_000;
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const CYCLE = '2021-2023';
const PROJECTIONS: [Projection, EntityTarget<ObjectLiteral>[]][] = [
  [auditQueueProjection, [AuditQueueEntity]],
  [appealsQueueProjection, [AppealsQueueEntity]],
  [cycleStatusProjection, [CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity]],
];

let schema: string;
let admin: Pool;
let dataSource: DataSource;
let store: PostgresEventStore;

beforeAll(async () => {
  schema = `rm_c_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize: 6,
    entities: [AuditQueueEntity, AppealsQueueEntity, CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity],
    migrations: [AuditQueueTable1764100000000, AppealsQueueTable1764100000001, CycleStatusTables1764200000000, CycleStatusCyclesByCycle1764600000000, CycleStatusFactsNotStored1764600000002],
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

const context = (today: string, actor: string) => ({ today, now: `${today}T12:00:00.000Z`, actor: { id: actor, role: 'admin' } });

/** The domain decides the events, as a handler would; the test only appends them. */
async function decide<C, E extends { type: string; data: unknown }, S, X>(decider: Decider<C, E, S, X>, streamId: string, command: C, extra: X): Promise<void> {
  await decideAndAppend(store, decider, streamId, command, extra, {
    metadata: { occurredAt: (extra as { today: string }).today, actor: (extra as { actor?: never }).actor },
  });
}

const ids = { ada: randomUUID(), bo: randomUUID(), audit: `draw-${randomUUID()}`, appeal: randomUUID() };

/** Two completers of 2021-2023; Ada is audited, an activity rejected, the audit failed, and she appeals. */
async function seed(): Promise<void> {
  const policy = policyFor(CYCLE);
  const activityIds: Record<string, string[]> = {};
  for (const id of [ids.ada, ids.bo]) {
    const certificant = certificantStream(id);
    const at = context('2019-05-10', 'staff-1');
    await decide(certificantDecider, certificant, { type: 'RegisterCertificant', certificantId: id, firstName: 'A', lastName: 'B', email: `${id}@x.org` }, at);
    await decide(certificantDecider, certificant, { type: 'EarnCertification', certificantId: id, certification: 'CSCS', earnedOn: '2019-05-01' }, at);
    await decide(certificantDecider, certificant, { type: 'ReceiveCertificationDocuments', certificantId: id, certification: 'CSCS', documents: ['x'] }, at);
    const cycleContext = { ...context('2023-06-01', 'staff-1'), policy, certifications: [{ certification: 'CSCS' as const, earnedOn: '2019-05-01' }], member: false };
    activityIds[id] = [randomUUID(), randomUUID(), randomUUID()];
    const [a, b, c] = activityIds[id]!;
    for (const activity of [
      { activityId: a, activityType: 'event-attendance', activityDate: '2022-03-05', title: 'Conference', hours: 20 },
      { activityId: b, activityType: 'event-attendance', activityDate: '2022-09-10', title: 'Symposium', hours: 20 },
      { activityId: c, activityType: 'pre-approved-home-study', activityDate: '2023-02-01', title: 'Course', ceus: 2 },
    ]) {
      await decide(cycleDecider, cycleStream(id, CYCLE), { type: 'ReportActivity', certificantId: id, cycle: CYCLE, reportedBy: 'certificant', ...activity } as never, cycleContext);
    }
    await decide(
      cycleDecider,
      cycleStream(id, CYCLE),
      { type: 'PayFee', certificantId: id, cycle: CYCLE, feeId: randomUUID(), feeType: 'recertification', certification: 'CSCS', amountCents: 7500 },
      cycleContext,
    );
  }
  const today = context('2024-02-10', 'auditor-1');
  const audit = auditStream(ids.audit);
  const activities = activityIds[ids.ada]!;
  await decide(auditDecider, audit, { type: 'SelectForAudit', auditId: ids.audit, certificantId: ids.ada, cycle: CYCLE, reason: 'draw', drawId: 'draw' }, { ...today, policy });
  await decide(auditDecider, audit, { type: 'RequestAuditDocuments', auditId: ids.audit, activityIds: activities, cprAed: false }, {
    ...today,
    policy,
    activities: activities.map((activityId) => ({ activityId, bodyRecorded: false }) as never),
  });
  for (const activityId of activities) await decide(auditDecider, audit, { type: 'ReceiveAuditDocument', auditId: ids.audit, activityId, kind: 'certificate', reference: activityId }, { ...today, policy });
  const [rejected, ...accepted] = activities;
  await decide(auditDecider, audit, { type: 'RecordAuditVerdict', auditId: ids.audit, activityId: rejected!, verdict: 'rejected', reason: 'not supported' }, { ...today, policy });
  for (const activityId of accepted) await decide(auditDecider, audit, { type: 'RecordAuditVerdict', auditId: ids.audit, activityId, verdict: 'accepted' }, { ...today, policy });
  const cycleContext = { ...today, policy, certifications: [{ certification: 'CSCS' as const, earnedOn: '2019-05-01' }], member: false };
  await decide(cycleDecider, cycleStream(ids.ada, CYCLE), { type: 'DisallowActivity', certificantId: ids.ada, cycle: CYCLE, activityId: rejected!, reason: 'not supported', auditId: ids.audit }, cycleContext);
  await store.append(
    audit,
    [
      {
        type: 'AuditClosed',
        data: { auditId: ids.audit, certificantId: ids.ada, cycle: CYCLE, outcome: 'failed', reasons: [{ code: 'AUDIT_CEUS_SHORT', message: 'short' }], closedOn: '2024-02-10', closedBy: 'auditor-1' },
        metadata: {},
      },
    ],
    { expectedRevision: 'any' },
  );
  await decide(cycleDecider, cycleStream(ids.ada, CYCLE), { type: 'ExpireCertification', certificantId: ids.ada, cycle: CYCLE, reason: 'audit-failed', auditId: ids.audit }, cycleContext);
  const appeal = appealStream(ids.appeal);
  await decide(appealDecider, appeal, { type: 'FileAppeal', appealId: ids.appeal, certificantId: ids.ada, cycle: CYCLE, certification: 'CSCS', grounds: 'illness', statement: 'misprint', appealedDecision: { kind: 'audit', reference: ids.audit, decidedBy: 'auditor-1' } }, { ...today, policy });
  await decide(appealDecider, appeal, { type: 'ReceiveAppealDocument', appealId: ids.appeal, kind: 'letter', reference: 'r' }, { ...today, policy });
  await decide(appealDecider, appeal, { type: 'DecideAppeal', appealId: ids.appeal, decision: 'granted', remedy: { kind: 'reinstatement' }, rationale: 'ok' }, { ...context('2024-02-12', 'committee-1'), policy });
}

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
  return Promise.all(
    tables.map(async (table) => {
      const found = await dataSource.getRepository(table).find();
      return found.map((row) => JSON.stringify(row)).sort();
    }),
  );
}

async function clear(tables: EntityTarget<ObjectLiteral>[]): Promise<void> {
  for (const table of tables) await dataSource.getRepository(table).clear();
}

describe.each(PROJECTIONS.map(([projection, tables]) => [projection.name, projection, tables] as const))('%s', (_name, projection, tables) => {
  it('changes nothing when the same batch is applied twice', async () => {
    await clear(tables);
    const events = (await allEvents()).filter((event) => projection.handles(event.type));
    await dataSource.transaction((manager) => projection.apply(events, manager));
    const once = await rows(tables);
    expect(once.some((table) => table.length > 0)).toBe(true);
    await dataSource.transaction((manager) => projection.apply(events, manager));
    expect(await rows(tables)).toEqual(once);
  });

  it('rebuilds into tables equal to the live ones, row for row', async () => {
    await clear(tables);
    const runner = new ProjectionRunner({ dataSource, store, projection, batchSize: 5, rebuildBatchSize: 5, idleMs: 5, retryDelayMs: 5, logger: silent });
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

it('keeps what the domain judges readiness on: the failed audit and the expiry it caused', async () => {
  const events = await allEvents();
  await clear([CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity]);
  await dataSource.transaction((manager) => cycleStatusProjection.apply(events.filter((e) => cycleStatusProjection.handles(e.type)), manager));
  const ada = (await dataSource.getRepository(CycleStatusCycleEntity).findOneBy({ cycle: CYCLE, certificantId: ids.ada })) as CycleStatusCycleRow;
  const certificant = await dataSource.getRepository(CycleStatusCertificantEntity).findOneByOrFail({ certificantId: ids.ada });
  expect(ada.audit).toEqual({ auditId: ids.audit, status: 'failed', selectedOn: '2024-02-10', closedOn: '2024-02-10' });
  const status = cycleStatusOfRecords({ cycle: CYCLE, certificant: certificant.state, own: ada.state, merged: [], previous: null, audit: ada.audit }, '2024-02-11');
  expect(status.certifications.map((c) => c.status)).toEqual(['Expired']);
});
