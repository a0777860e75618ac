import { randomBytes, randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { TestApp, type Answer } from './support/app-harness';
import { expectStatus, until } from './support/http-expect';

/**
 * Imports and reports over HTTP (api.md "Cycles, imports, reports, projections"): a JSON import
 * with good, bad and duplicate rows gives exact counts, a CSV upload, a dry run that records
 * nothing, a revert that withdraws, a report that completes with its CSV, and the refusals. The
 * first app has no REDIS_URL (jobs run in the process); the last suite runs on BullMQ and Redis
 * under a key prefix of its own, removed afterwards. Jobs are awaited by polling their GET.
 */
jest.setTimeout(60_000);

const CYCLE = '2024-2026';
const TODAY = '2026-06-15';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const VIEWER = { email: 'viewer@recert.test', password: 'viewer password 1234' };

interface Person {
  id: string;
  email: string;
  memberId: string;
  position: number;
}

async function certificant(app: TestApp, name: string): Promise<Person> {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.org`;
  const memberId = `M-${randomBytes(4).toString('hex')}`;
  const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email, memberId });
  expectStatus(registered, 201);
  const id: string = registered.body.certificantId;
  expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2022-05-01' }), 201);
  const documents = await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-score-report.pdf'] });
  expectStatus(documents, 201);
  const position = documents.body.position as number;
  // The import matches people in the certificant search read model: wait until it has them.
  await until(
    () => app.get(`/certificants?q=${encodeURIComponent(email)}&consistent=true`, { 'x-min-position': String(position) }),
    (a) => a.status === 200 && Array.isArray(a.body.items) && a.body.items.length === 1,
  );
  return { id, email, memberId, position };
}

/** The event store's head (GET /health): a dry run leaves it where it was. */
async function headPosition(app: TestApp): Promise<number> {
  const health = await app.get('//health');
  const head: unknown = health.body?.info?.eventStore?.headPosition ?? health.body?.details?.eventStore?.headPosition;
  expect(head).toBeDefined();
  return Number(head);
}

const importDone = (app: TestApp, importId: string, status = 'completed') =>
  until(
    () => app.get(`/imports/${importId}`),
    (a) => a.status === 200 && (a.body.status === status || a.body.status === 'failed'),
  );

const reportDone = (app: TestApp, reportId: string) =>
  until(
    () => app.get(`/reports/${reportId}`),
    (a) => a.status === 200 && (a.body.status === 'done' || a.body.status === 'failed'),
  );

async function uploadCsv(app: TestApp, kind: string, csv: string, query = ''): Promise<Answer> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'attendance.csv');
  const response = await fetch(`${app.url}/api/v1/imports${query}`, { method: 'POST', headers: { authorization: `Bearer ${app.token ?? ''}` }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

describe('imports and reports, jobs in the process (no Redis)', () => {
  let app: TestApp;
  let ann: Person;
  let bob: Person;

  const jsonRows = () => [
    { certificantId: ann.id, activityDate: '2025-02-10', title: 'Conference A', provider: 'NSCA', hours: 3, externalRef: 'EV-1' },
    { memberId: ann.memberId, activityDate: '2025-03-01', title: 'Workshop B', provider: 'NSCA', hours: 4 },
    { email: bob.email.toUpperCase(), activityDate: '2025-04-01', title: 'Clinic', provider: 'NSCA', hours: 2 },
    { certificantId: 'nobody-by-that-id', activityDate: '2025-04-03', title: 'Clinic', provider: 'NSCA', hours: 2 },
    { certificantId: ann.id, activityDate: '2025-04-05', title: 'Clinic', provider: 'NSCA', hours: 'three' },
    { certificantId: ann.id, activityDate: '2025-04-06', title: 'Conference A again', provider: 'NSCA', hours: 3, externalRef: 'EV-1' },
  ];

  const cycleOf = async (who: Person) => {
    const answer = await app.get(`/certificants/${who.id}/cycles/${CYCLE}?consistent=true`);
    expectStatus(answer, 200);
    return answer.body.certifications[0] as { ledger: { activityId: string; explanation: string }[]; reportedCeus: number; appliedCeus: number };
  };

  /** The read model catches up asynchronously: poll the cycle until its ledger has `entries` entries. */
  const ledgerOf = async (who: Person, entries: number) =>
    (await until(async () => ({ status: 200, body: await cycleOf(who), headers: new Headers() }), (a) => a.body.ledger.length === entries)).body.ledger;

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: TODAY });
    await app.signIn();
    ann = await certificant(app, 'Ann');
    bob = await certificant(app, 'Bob');
  });

  afterAll(async () => {
    await app?.stop();
  });

  let jsonImportId: string;

  it('imports JSON rows: exact counts of accepted, duplicate and refused rows, each refusal with its code', async () => {
    const started = await app.post('/imports', { kind: 'event-attendance', rows: jsonRows() });
    expectStatus(started, 202);
    jsonImportId = started.body.importId;
    const done = await importDone(app, jsonImportId);
    expect(done.body).toMatchObject({
      importId: jsonImportId,
      status: 'completed',
      kind: 'event-attendance',
      totalRows: 6,
      processedRows: 6,
      acceptedRows: 3,
      duplicateRows: 1,
      rejectedRows: 2,
    });
    expect(done.body.rejections.map((r: { row: number; code: string }) => [r.row, r.code])).toEqual([
      [4, 'CERTIFICANT_UNKNOWN'],
      [5, 'IMPORT_ROW_MALFORMED'],
    ]);
    expect(await ledgerOf(ann, 2)).toHaveLength(2);
    expect(await ledgerOf(bob, 1)).toHaveLength(1);
  });

  it('imports an uploaded CSV file (multipart, kind as a field); the same file again adds nothing', async () => {
    const csv = ['memberId,activityDate,title,provider,hours,externalRef', `${ann.memberId},2025-05-01,Seminar C,NSCA,2,CSV-1`, `${ann.memberId},2025-05-02,Seminar D,NSCA,3,CSV-2`].join('\n');
    const started = await uploadCsv(app, 'event-attendance', csv);
    expectStatus(started, 202);
    const done = await importDone(app, started.body.importId);
    expect(done.body).toMatchObject({ status: 'completed', totalRows: 2, acceptedRows: 2, duplicateRows: 0, rejectedRows: 0 });
    expect(await ledgerOf(ann, 4)).toHaveLength(4);

    const again = await uploadCsv(app, 'event-attendance', csv);
    expectStatus(again, 202);
    expect((await importDone(app, again.body.importId)).body).toMatchObject({ status: 'completed', acceptedRows: 0, duplicateRows: 2 });
    expect(await ledgerOf(ann, 4)).toHaveLength(4);
  });

  it('runs a dry run at once and records nothing', async () => {
    const before = (await cycleOf(ann)).ledger.length;
    const headBefore = await headPosition(app);
    const rows = [{ certificantId: ann.id, activityDate: '2025-06-01', title: 'Dry clinic', provider: 'NSCA', hours: 2, externalRef: 'DRY-1' }, { certificantId: 'nobody', activityDate: '2025-06-01', title: 'x', hours: 1 }];
    const dry = await app.post('/imports?dryRun=true', { kind: 'event-attendance', rows });
    expectStatus(dry, 200);
    expect(dry.body).toMatchObject({ status: 'dry-run', dryRun: true, totalRows: 2, acceptedRows: 1, rejectedRows: 1 });
    expectStatus(await app.get(`/imports/${dry.body.importId}`), 404, 'IMPORT_NOT_FOUND');
    expect(await ledgerOf(ann, before)).toHaveLength(before);

    const csvDry = await uploadCsv(app, 'event-attendance', 'certificantId,activityDate,title,provider,hours\n' + `${bob.id},2025-06-02,Dry CSV,NSCA,2\n`, '?dryRun=true');
    expectStatus(csvDry, 200);
    expect(csvDry.body).toMatchObject({ status: 'dry-run', totalRows: 1, acceptedRows: 1 });
    expect(await ledgerOf(bob, 1)).toHaveLength(1);
    expect(await headPosition(app)).toBe(headBefore);
  });

  it('reverts an import: what it recorded is withdrawn, what others recorded stays', async () => {
    expectStatus(await app.post(`/imports/${jsonImportId}/revert`, { reason: 'Wrong attendance list' }), 202);
    await importDone(app, jsonImportId, 'reverted');
    // Withdrawn activities stay in the ledger (history is kept), counting nothing.
    const withdrawn = (ledger: { explanation: string }[]) => ledger.filter((entry) => entry.explanation.startsWith('withdrawn')).length;
    const bobAfter = await until(
      async () => ({ status: 200, body: await cycleOf(bob), headers: new Headers() }),
      (a) => withdrawn(a.body.ledger) === 1,
    );
    expect(bobAfter.body).toMatchObject({ reportedCeus: 0, appliedCeus: 0 });
    const annAfter = await until(
      async () => ({ status: 200, body: await cycleOf(ann), headers: new Headers() }),
      (a) => withdrawn(a.body.ledger) === 2,
    );
    expect(annAfter.body.ledger).toHaveLength(4);
    expect(annAfter.body.reportedCeus).toBeCloseTo(0.5); // the CSV's 2 + 3 hours stay
    expectStatus(await app.post(`/imports/${jsonImportId}/revert`, {}), 400);
  });

  it('builds a report in the background, keeps it, and serves its CSV', async () => {
    const asked = await app.post('/reports', { type: 'ceus-by-category', cycle: CYCLE });
    expectStatus(asked, 202);
    const done = await reportDone(app, asked.body.reportId);
    expect(done.body).toMatchObject({ reportId: asked.body.reportId, status: 'done', request: { type: 'ceus-by-category', cycle: CYCLE, asOf: TODAY } });
    expect(done.body.progress.eventsDone).toBeGreaterThan(0);
    expect(done.body.result.type).toBe('ceus-by-category');
    expect(Array.isArray(done.body.result.rows)).toBe(true);

    const csv = await fetch(`${app.url}/api/v1/reports/${asked.body.reportId}/csv`, { headers: { authorization: `Bearer ${app.token ?? ''}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    const header = text.split(/\r?\n/)[0];
    expect(header.split(',')).toHaveLength((done.body.result.columns as unknown[]).length);
  });

  it('refuses bad input: an unknown kind or report type (400), an unknown import or report (404), a viewer (403)', async () => {
    expectStatus(await app.post('/imports', { kind: 'webinars', rows: [] }), 400);
    expectStatus(await app.post('/imports', { kind: 'event-attendance' }), 400, 'IMPORT_ROWS_MISSING');
    expectStatus(await app.get(`/imports/${randomUUID()}`), 404, 'IMPORT_NOT_FOUND');
    expectStatus(await app.post(`/imports/${randomUUID()}/revert`, { reason: 'x' }), 404, 'IMPORT_NOT_FOUND');
    expectStatus(await app.post('/reports', { type: 'gossip' }), 400);
    expectStatus(await app.post('/reports', { type: 'appeals', asOf: 'yesterday' }), 400, 'REPORT_REQUEST_INVALID');
    expectStatus(await app.get(`/reports/${randomUUID()}`), 404, 'REPORT_NOT_FOUND');

    expectStatus(await app.post('/staff', { email: VIEWER.email, name: 'Vera Viewer', roles: ['viewer'], password: VIEWER.password }), 201);
    const adminToken = app.token;
    await app.signIn(VIEWER);
    try {
      expectStatus(await app.post('/imports', { kind: 'event-attendance', rows: [] }), 403);
      expectStatus(await app.post('/reports', { type: 'appeals' }), 403);
    } finally {
      app.token = adminToken;
    }
  });
});

describe('imports and reports on BullMQ (REDIS_URL, a queue prefix of its own)', () => {
  const prefix = `recert-test-${randomBytes(6).toString('hex')}`;
  let app: TestApp;
  let redis: IORedis;

  beforeAll(async () => {
    process.env.RECERT_QUEUE_PREFIX = prefix;
    redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    app = await TestApp.start({ RECERT_NOW: TODAY, REDIS_URL });
    await app.signIn();
  });

  afterAll(async () => {
    await app?.stop();
    delete process.env.RECERT_QUEUE_PREFIX;
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('runs an import and a report through Redis queues under its prefix', async () => {
    const ann = await certificant(app, 'Ann');
    const started = await app.post('/imports', {
      kind: 'event-attendance',
      rows: [
        { certificantId: ann.id, activityDate: '2025-02-10', title: 'Conference A', provider: 'NSCA', hours: 3, externalRef: 'R-1' },
        { certificantId: ann.id, activityDate: '2025-02-11', title: 'Conference A', provider: 'NSCA', hours: 3, externalRef: 'R-1' },
        { certificantId: 'nobody', activityDate: '2025-02-12', title: 'x', provider: 'NSCA', hours: 1 },
      ],
    });
    expectStatus(started, 202);
    const done = await importDone(app, started.body.importId);
    expect(done.body).toMatchObject({ status: 'completed', totalRows: 3, acceptedRows: 1, duplicateRows: 1, rejectedRows: 1 });
    // The job went through BullMQ: its key is under this suite's prefix.
    expect(await redis.exists(`${prefix}:imports:${started.body.importId as string}`)).toBe(1);

    const asked = await app.post('/reports', { type: 'cycle-completion', cycle: CYCLE });
    expectStatus(asked, 202);
    expect((await reportDone(app, asked.body.reportId)).body.status).toBe('done');
    expect(await redis.exists(`${prefix}:reports:${asked.body.reportId as string}`)).toBe(1);
  });
});

describe('REDIS_URL set but Redis unreachable', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: TODAY, REDIS_URL: 'redis://127.0.0.1:1' });
    await app.signIn();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('still runs jobs, in the process', async () => {
    const asked = await app.post('/reports', { type: 'program-statistics', cycle: CYCLE });
    expectStatus(asked, 202);
    expect((await reportDone(app, asked.body.reportId)).body.status).toBe('done');
  });
});
