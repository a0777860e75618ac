import { ADMIN, TestApp, type Answer } from './support/app-harness';
import { complete2021to2023, eventually, expectStatus } from './support/http-expect';

/**
 * Closing 2021-2023, ending its late window, issuing its certificates and verifying one in
 * public (api.md "Cycles, imports, reports, projections", "Certificates"; D2.3, D2.4, D7.1, D7.2).
 * Business "today" is pinned after the late window (2024-01-31); the runs take their `asOf`.
 * Ada completed on time; Bo earned CSCS in 2019 and reported nothing.
 */
const CYCLE = '2021-2023';
const TODAY = '2024-02-10';
const VIEWER = { email: 'viewer@recert.test', password: 'viewer password 1234' };
const STAFF = { email: 'staff@recert.test', password: 'staff password 12345' };

let app: TestApp;
const tokens: Record<string, string> = {};

const as = <T>(who: string, action: () => Promise<T>): Promise<T> => app.as(tokens[who]!, action);

const consistent = (path: string, position: number | null) =>
  app.get(`${path}${path.includes('?') ? '&' : '?'}consistent=true`, position ? { 'x-min-position': String(position) } : {});

async function headPosition(): Promise<unknown> {
  const health = await app.get('//health');
  return health.body?.info?.eventStore?.headPosition ?? health.body?.details?.eventStore?.headPosition;
}

interface Run {
  state: string;
  total: number;
  done: number;
  changed: number;
  refused: { id: string; code: string }[];
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  position: number | null;
}

/** Starts a run (202 { jobId }) and waits for it to finish. */
async function runToEnd(start: Answer, progressPath: (jobId: string) => string): Promise<Run> {
  expectStatus(start, 202);
  expect(start.body.jobId).toEqual(expect.any(String));
  const run = await eventually<Run>(() => app.get(progressPath(start.body.jobId)), (b) => b.state !== 'running');
  expect(run.state).toBe('completed');
  return run;
}

/** The event types of a certificant's timeline (caught up to `position`). */
async function historyTypes(id: string, position: number | null): Promise<string[]> {
  const answer = await consistent(`/certificants/${id}/history?limit=500`, position);
  expectStatus(answer, 200);
  return answer.body.items.map((item: { type: string }) => item.type);
}

const cycleRun = (jobId: string) => `/cycles/${CYCLE}/runs/${jobId}`;
const issueRun = (jobId: string) => `/certificates/runs/${jobId}`;

async function register(name: string): Promise<{ id: string; position: number }> {
  const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email: `${name.toLowerCase()}@example.org` });
  expectStatus(registered, 201);
  const id: string = registered.body.certificantId;
  expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2019-05-01' }), 201);
  const documents = await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-result.pdf'], receivedOn: '2019-05-10' });
  expectStatus(documents, 201);
  return { id, position: documents.body.position };
}

/** CSCS since 2019, 2021-2023 complete on time: 6.0 CEUs in two categories, CPR/AED, fee paid. */
async function completer(name: string): Promise<{ id: string; position: number }> {
  const { id } = await register(name);
  return { id, ...(await complete2021to2023(app, id)) };
}

async function createStaff(credentials: { email: string; password: string }, roles: string[]): Promise<void> {
  expectStatus(await app.post('/staff', { ...credentials, name: credentials.email.split('@')[0], roles }), 201);
  const answer = await app.post('/auth/login', credentials);
  expect([200, 201]).toContain(answer.status);
  tokens[credentials.email] = answer.body.token;
}

describe('cycle close and expiry, certificate issuance and verification', () => {
  let ada: { id: string; position: number };
  let bo: { id: string; position: number };
  let code: string;

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: TODAY });
    tokens.admin = await app.signIn(ADMIN);
    await createStaff(VIEWER, ['viewer']);
    await createStaff(STAFF, ['staff']);
    ada = await completer('Ada');
    bo = await register('Bo');
    // Close and issuance read who there is from the readiness read model: let it catch up.
    await eventually(
      () => consistent(`/certificates/readiness?cycle=${CYCLE}`, Math.max(ada.position, bo.position)),
      (b: { items: { certificantId: string; ready: boolean }[] }) => b.items.some((i) => i.certificantId === ada.id && i.ready),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses bad input: unknown cycle 404, impossible date 400, wrong role 403, before the deadline 422', async () => {
    expectStatus(await app.post('/cycles/2099-2101/close', { asOf: '2024-01-05' }), 404, 'CYCLE_NOT_FOUND');
    expectStatus(await app.post(`/cycles/${CYCLE}/close`, { asOf: '2024-02-30' }), 400, 'VALIDATION_FAILED');
    expectStatus(await app.post(`/cycles/${CYCLE}/expire`, { asOf: 'soon' }), 400, 'VALIDATION_FAILED');
    expectStatus(await as(VIEWER.email, () => app.post(`/cycles/${CYCLE}/close`, { asOf: '2024-01-05' })), 403);
    expectStatus(await as(STAFF.email, () => app.post(`/cycles/${CYCLE}/expire`, { asOf: '2024-02-05' })), 403);
    expectStatus(await as(VIEWER.email, () => app.post('/certificates/issue', { cycle: CYCLE })), 403);
    expectStatus(await app.post('/certificates/issue', { cycle: '2099-2101' }), 404, 'CYCLE_NOT_FOUND');
    expectStatus(await app.post('/certificates/issue', { cycle: 'next one' }), 400, 'VALIDATION_FAILED');
    expectStatus(await app.post(`/cycles/${CYCLE}/close`, { asOf: '2023-12-15' }), 422, 'CYCLE_NOT_OVER');
    expectStatus(await app.post(`/cycles/${CYCLE}/expire`, { asOf: '2024-02-05' }), 422, 'CYCLE_NOT_CLOSED');
    expectStatus(await app.get(`/cycles/${CYCLE}/runs/00000000-0000-0000-0000-000000000000`), 404, 'RUN_NOT_FOUND');
  });

  it('D2.3 close moves the not complete to late reporting; closing again changes nothing', async () => {
    const run = await runToEnd(await app.post(`/cycles/${CYCLE}/close`, { asOf: '2024-01-05' }), cycleRun);
    expect(run).toMatchObject({ total: 2, done: 2, changed: 1, refused: [] });

    expect((await historyTypes(bo.id, run.position)).filter((t) => t === 'LateReportingStarted')).toHaveLength(1);
    expect(await historyTypes(ada.id, run.position)).not.toContain('LateReportingStarted');
    const adaStatus = await consistent(`/certificants/${ada.id}/cycles/${CYCLE}`, run.position);
    expect(adaStatus.body.certifications[0].status).toBe('Complete');

    const head = await headPosition();
    const again = await runToEnd(await app.post(`/cycles/${CYCLE}/close`, { asOf: '2024-01-06' }), cycleRun);
    expect(again).toMatchObject({ total: 2, done: 2, changed: 0, refused: [] });
    expect(await headPosition()).toEqual(head);
  });

  it('D2.4 expiry before the late window is over is refused; after it the not complete expire, once', async () => {
    expectStatus(await app.post(`/cycles/${CYCLE}/expire`, { asOf: '2024-01-20' }), 422, 'GRACE_PERIOD_NOT_OVER');
    const run = await runToEnd(await app.post(`/cycles/${CYCLE}/expire`, { asOf: '2024-02-05' }), cycleRun);
    expect(run).toMatchObject({ total: 2, done: 2, changed: 1, refused: [] });

    expect((await historyTypes(bo.id, run.position)).filter((t) => t === 'CertificationExpired')).toHaveLength(1);
    expect(await historyTypes(ada.id, run.position)).not.toContain('CertificationExpired');
    const status = await consistent(`/certificants/${bo.id}/cycles/${CYCLE}`, run.position);
    expect(status.body.certifications[0].status).toBe('Expired');

    const head = await headPosition();
    const again = await runToEnd(await app.post(`/cycles/${CYCLE}/expire`, { asOf: '2024-02-06' }), cycleRun);
    expect(again).toMatchObject({ changed: 0, refused: [] });
    expect(await headPosition()).toEqual(head);
  });

  it('D7.1 D7.2 issues one certificate per ready certification; issuing again issues nothing new', async () => {
    const run = await runToEnd(await as(STAFF.email, () => app.post('/certificates/issue', { cycle: CYCLE })), issueRun);
    expect(run).toMatchObject({ total: 1, done: 1, changed: 1, refused: [] });
    expect(run.issued).toEqual([{ certificantId: ada.id, certification: 'CSCS', verificationCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/) }]);
    code = run.issued[0]!.verificationCode;

    const head = await headPosition();
    const again = await runToEnd(await app.post('/certificates/issue', { cycle: CYCLE }), issueRun);
    expect(again).toMatchObject({ total: 1, done: 1, changed: 0, issued: [] });
    expect(await headPosition()).toEqual(head);
  });

  it('D7.2 anyone can verify a code without signing in; an unknown code is 404', async () => {
    const previous = app.token;
    app.token = null;
    try {
      const verified = await eventually(() => app.get(`/certificates/verify/${code}`), () => true);
      expect(verified).toEqual({
        holder: 'Ada Lifter',
        certification: 'CSCS',
        cycle: CYCLE,
        issuedOn: TODAY,
        validThrough: '2026-12-31',
        withDistinction: false,
        status: 'valid',
        verificationCode: code,
      });
      expectStatus(await app.get('/certificates/verify/0000-0000-00'), 404, 'CERTIFICATE_NOT_FOUND');
      expectStatus(await app.get('/certificates/readiness?cycle=2021-2023'), 401);
    } finally {
      app.token = previous;
    }
  });
});
