import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { CycleScheduler } from '../apps/api/src/cycle-admin/cycle-scheduler';
import { ADMIN, TestApp, type Answer } from './support/app-harness';
import { expectStatus, until } from './support/http-expect';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * Issue 5 on BullMQ (a queue prefix of its own, removed afterwards): cycle runs, issuance and
 * rebuilds are queue jobs whose progress is in PostgreSQL, so another API process (here one in
 * `api` mode, which works no queue) answers it after the first one is gone; the daily cycle check
 * closes and expires what is due as of the pinned business date, once; POST /projections/:name/rebuild;
 * Bull Board at /admin/queues behind the admin session cookie. Business today is 2024-02-10:
 * 2021-2023 is past its deadline (2023-12-31) and its late window (2024-01-31).
 */
jest.setTimeout(90_000);

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TODAY = '2024-02-10';
const CYCLE = '2021-2023';
const STAFF = { email: 'staff@recert.test', password: 'staff password 12345' };

/** An API process on the suite's database, with Redis and today pinned. */
function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  return TestApp.startOn(databaseUrl, { REDIS_URL, RECERT_NOW: TODAY, ...env });
}

/** The `recert_session` Set-Cookie of a login answer. */
function sessionCookieOf(answer: Answer): string {
  const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('recert_session='));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(answer.headers.getSetCookie())}`);
  return cookie;
}

const eventTypes = async (api: TestApp, certificantId: string): Promise<string[]> =>
  ((await api.get(`/certificants/${certificantId}/history?limit=500`)).body?.items ?? []).map((item: { type: string }) => item.type);

describe('jobs on BullMQ: persisted runs, the daily cycle check, rebuilds, Bull Board', () => {
  const prefix = `recert-test-${randomBytes(6).toString('hex')}`;
  let database: TestDatabase;
  let api: TestApp;
  let redis: IORedis;
  let bo: string;
  let staffToken: string;

  beforeAll(async () => {
    process.env.RECERT_QUEUE_PREFIX = prefix;
    redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    database = await createTestDatabase();
    api = await startApi(database.url);
    api.token = (await api.post('/auth/login', ADMIN)).body.token;
    expectStatus(await api.post('/staff', { ...STAFF, name: 'staff', roles: ['staff'] }), 201);
    staffToken = (await api.post('/auth/login', STAFF)).body.token;

    // Bo holds CSCS since 2019 and reported nothing for 2021-2023.
    const registered = await api.post('/certificants', { firstName: 'Bo', lastName: 'Lifter', email: `bo-${randomUUID()}@example.org` });
    expectStatus(registered, 201);
    bo = registered.body.certificantId;
    expectStatus(await api.post(`/certificants/${bo}/certifications`, { certification: 'CSCS', earnedOn: '2019-05-01' }), 201);
    const documents = await api.post(`/certificants/${bo}/certifications/CSCS/documents`, { documents: ['exam.pdf'], receivedOn: '2019-05-10' });
    expectStatus(documents, 201);
    // Close and expiry read who there is from the readiness read model: let every projection catch up.
    await until(
      () => api.get('/projections'),
      (a) => a.status === 200 && a.body.items.every((item: { position: number }) => item.position >= documents.body.position),
    );
  });

  afterAll(async () => {
    await api?.app.close();
    await database?.drop();
    delete process.env.RECERT_QUEUE_PREFIX;
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
  });

  it('the daily check (its processor, clock pinned) closes and expires every due cycle once, and a second check does nothing', async () => {
    // The job scheduler is on the scheduler queue: a cron at 00:05 in RECERT_TIME_ZONE.
    const scheduler = new Queue('scheduler', { connection: redis, prefix });
    const schedules = await scheduler.getJobSchedulers();
    expect(schedules).toEqual([expect.objectContaining({ key: 'daily-cycle-check', pattern: '5 0 * * *', tz: 'America/Denver' })]);

    const check = api.app.get(CycleScheduler);
    const first = await check.check();
    expect(first.asOf).toBe(TODAY);
    const for2021 = first.runs.filter((run) => run.cycle === CYCLE);
    expect(for2021.map((run) => [run.milestone, run.changed])).toEqual([
      ['close', 1],
      ['expire', 1],
    ]);
    for (const run of for2021) {
      const progress = await api.get(`/cycles/${CYCLE}/runs/${run.jobId!}`);
      expectStatus(progress, 200);
      expect(progress.body).toMatchObject({ state: 'completed', kind: `cycle-${run.milestone}`, total: 1, done: 1, changed: 1, refused: [] });
    }
    const history = await until(
      () => api.get(`/certificants/${bo}/history?limit=500`),
      // This cycle's expiry: the check may expire other cycles too, and the history shows each when it has caught up.
      (a) => a.status === 200 && a.body.items.some((item: { type: string; streamId: string }) => item.type === 'CertificationExpired' && item.streamId.endsWith(`-${CYCLE}`)),
    );
    const of2021 = history.body.items.filter((item: { streamId: string }) => item.streamId.endsWith(`-${CYCLE}`));
    const types = of2021.map((item: { type: string }) => item.type);
    expect(types.filter((type: string) => type === 'LateReportingStarted')).toHaveLength(1);
    expect(types.filter((type: string) => type === 'CertificationExpired')).toHaveLength(1);
    expect(of2021.every((item: { actor: unknown }) => item.actor === 'system')).toBe(true);

    const head = (await api.get('//health')).body.info.eventStore.headPosition;
    const second = await check.check();
    expect(second.runs.every((run) => run.jobId === null)).toBe(true);
    expect((await api.get('//health')).body.info.eventStore.headPosition).toEqual(head);
    await scheduler.close();
  });

  it('close and issuance are scheduler-queue jobs whose progress another API process reads from PostgreSQL', async () => {
    const started = await api.post(`/cycles/${CYCLE}/close`, { asOf: '2024-01-05' });
    expectStatus(started, 202);
    const closeRun = await until(() => api.get(`/cycles/${CYCLE}/runs/${started.body.jobId}`), (a) => a.body?.state !== 'running');
    // Already closed by the daily check: nothing changes (idempotent).
    expect(closeRun.body).toMatchObject({ state: 'completed', total: 1, done: 1, changed: 0, refused: [] });

    const issue = await api.post('/certificates/issue', { cycle: CYCLE });
    expectStatus(issue, 202);
    const issueRun = await until(() => api.get(`/certificates/runs/${issue.body.jobId}`), (a) => a.body?.state !== 'running');
    expect(issueRun.body).toMatchObject({ state: 'completed', kind: 'certificates-issue', cycle: CYCLE, changed: 0, issued: [] });

    // Both went through BullMQ, under this suite's prefix.
    const queue = new Queue('scheduler', { connection: redis, prefix });
    expect(await (await queue.getJob(started.body.jobId))?.getState()).toBe('completed');
    expect(await (await queue.getJob(issue.body.jobId))?.getState()).toBe('completed');
    await queue.close();

    // Another process, API only (it works no queue), on the same database, after the first is gone.
    const other = await startApi(database.url, { RECERT_MODE: 'api' });
    try {
      other.token = api.token;
      await api.app.close();
      expect((await other.get(`/cycles/${CYCLE}/runs/${started.body.jobId}`)).body).toEqual(closeRun.body);
      expect((await other.get(`/certificates/runs/${issue.body.jobId}`)).body).toEqual(issueRun.body);
      expectStatus(await other.get(`/certificates/runs/${started.body.jobId as string}`), 404, 'RUN_NOT_FOUND');
      expectStatus(await other.get(`/cycles/2024-2026/runs/${started.body.jobId as string}`), 404, 'RUN_NOT_FOUND');
    } finally {
      await other.app.close();
      api = await startApi(database.url);
      api.token = other.token;
    }
  });

  it('POST /projections/:name/rebuild: admin only, 404 for an unknown name, a job that follows the rebuild to its swap', async () => {
    expectStatus(await api.post('/projections/no_such_projection/rebuild'), 404, 'PROJECTION_NOT_FOUND');
    expectStatus(await api.post('/projections/certificant_search/rebuild', {}, { authorization: `Bearer ${staffToken}` }), 403);

    const started = await api.post('/projections/certificant_search/rebuild');
    expectStatus(started, 202);
    expect(started.body).toEqual({ jobId: expect.any(String) });
    const done = await until(() => api.get(`/projections/certificant_search/rebuilds/${started.body.jobId}`), (a) => a.body?.state !== 'running');
    const head = Number((await api.get('//health')).body.info.eventStore.headPosition);
    expect(done.body).toEqual({ jobId: started.body.jobId, projection: 'certificant_search', state: 'completed', eventsDone: expect.any(Number), head: expect.any(Number), error: null });
    // The fresh tables were built from every event up to where they went live.
    expect(done.body.eventsDone).toBeGreaterThan(0);
    expect(done.body.eventsDone).toBeLessThanOrEqual(head);
    const status = (await api.get('/projections')).body.items.find((item: { name: string }) => item.name === 'certificant_search');
    expect(status.rebuild).toBeNull();
    // The rebuilt read model still finds Bo.
    expect((await eventTypes(api, bo)).length).toBeGreaterThan(0);
    expectStatus(await api.get(`/projections/certificant_search/rebuilds/${randomUUID()}`), 404, 'RUN_NOT_FOUND');
    expectStatus(await api.get(`/projections/cycle_status/rebuilds/${started.body.jobId as string}`), 404, 'RUN_NOT_FOUND');
  });

  it('Bull Board at /admin/queues: the login sets an HttpOnly SameSite=Strict cookie on /admin; admin sees the board, staff 403, no cookie 401', async () => {
    const login = await api.post('/auth/login', ADMIN);
    const cookie = sessionCookieOf(login);
    expect(cookie).toMatch(/; Path=\/admin(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).toMatch(/; SameSite=Strict(;|$)/);
    const expires = /; Expires=([^;]+)/.exec(cookie)?.[1];
    expect(new Date(expires!).getTime()).toBe(Math.floor(new Date(login.body.expiresAt).getTime() / 1000) * 1000);
    const adminCookie = cookie.split(';')[0]!;

    const board = await api.get('//admin/queues', { cookie: adminCookie, authorization: '' });
    expect(board.status).toBe(200);
    expect(board.headers.get('content-type')).toMatch(/text\/html/);
    expect(String(board.body)).toMatch(/<div id="root">/);
    const queues = await api.get('//admin/queues/api/queues', { cookie: adminCookie, authorization: '' });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['imports', 'projections', 'reports', 'scheduler']);

    const staffCookie = sessionCookieOf(await api.post('/auth/login', STAFF)).split(';')[0]!;
    expect((await api.get('//admin/queues', { cookie: staffCookie, authorization: '' })).status).toBe(403);
    expect((await api.get('//admin/queues', { authorization: '' })).status).toBe(401);
    // A bearer token is not enough: the board takes the cookie only.
    expect((await api.get('//admin/queues')).status).toBe(401);

    // Logout ends the session and clears the cookie; the old cookie no longer opens the board.
    const logout = await api.post('/auth/logout', undefined, { authorization: `Bearer ${login.body.token as string}` });
    expect(logout.status).toBe(204);
    expect(sessionCookieOf(logout)).toMatch(/^recert_session=; Path=\/admin; Expires=Thu, 01 Jan 1970/);
    expect((await api.get('//admin/queues', { cookie: adminCookie, authorization: '' })).status).toBe(401);
  });
});

describe('Bull Board without Redis (jobs in the process)', () => {
  let database: TestDatabase;
  let api: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startApi(database.url, { REDIS_URL: '' });
  });

  afterAll(async () => {
    await api?.app.close();
    await database?.drop();
  });

  it('answers 404 with a sentence to an admin, 401 without a session', async () => {
    const cookie = sessionCookieOf(await api.post('/auth/login', ADMIN)).split(';')[0]!;
    const page = await api.get('//admin/queues', { cookie });
    expect(page.status).toBe(404);
    expect(String(page.body)).toMatch(/Jobs run inside this process because Redis is not configured or not reachable/);
    expect((await api.get('//admin/queues')).status).toBe(401);
  });
});
