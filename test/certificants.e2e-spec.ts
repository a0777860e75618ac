import { TestApp, type Answer } from './support/app-harness';

/**
 * api.md "Certificants" over HTTP: register, earn certifications and hand in their documents,
 * record CPR/AED, read the profile, find the person by name, email and member id, read the
 * timeline, merge a duplicate account; and bad input on every endpoint answered with its code
 * with nothing recorded. Business "today" is pinned inside the 2024-2026 cycle.
 */
// Starting the app and the projections takes seconds on a busy machine.
jest.setTimeout(30_000);

const TODAY = '2025-03-10';
const VIEWER = { email: 'viewer.certificants@recert.test', password: 'viewer password 1234' };

let app: TestApp;

function expectStatus(answer: Answer, status: number, code?: string): void {
  if (answer.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (code) expect(answer.body.error.code).toBe(code);
}

const consistent = (path: string, position: number | null) =>
  app.get(`${path}${path.includes('?') ? '&' : '?'}consistent=true`, position ? { 'x-min-position': String(position) } : {});

/** Reads a read model until `done` holds, with a bound (habit 9: await progress, never a fixed sleep). */
async function eventually<T>(read: () => Promise<Answer<T>>, done: (body: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > until) throw new Error(`read model did not catch up: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Every event ever recorded for a certificant, read from the timeline (caught up to `position`). */
async function historyOf(id: string, position: number | null): Promise<Array<{ type: string; position: number }>> {
  const answer = await consistent(`/certificants/${id}/history?limit=500`, position);
  expectStatus(answer, 200);
  return answer.body.items;
}

async function register(firstName: string, lastName: string, email: string, memberId?: string) {
  const answer = await app.post('/certificants', { firstName, lastName, email, ...(memberId ? { memberId } : {}) });
  expectStatus(answer, 201);
  return answer.body as { certificantId: string; position: number };
}

const CPR_IN_PERSON = {
  provider: 'American Red Cross',
  completedOn: '2024-09-01',
  expiresOn: '2026-09-01',
  coversAdult: true,
  skillsEvaluation: true,
  deliveredOnline: false,
};

beforeAll(async () => {
  app = await TestApp.start({ RECERT_NOW: TODAY });
  await app.signIn();
});

afterAll(async () => {
  await app?.stop();
});

describe('a certificant from registration to merge', () => {
  let ada: { certificantId: string; position: number };
  let last = 0;

  it('registers, earns CSCS and NSCA-CPT, hands in the documents and records CPR/AED', async () => {
    ada = await register('Ada', 'Quillfeather', 'Ada.Quillfeather@Example.org', 'M-77120');
    const id = ada.certificantId;

    const cscs = await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2021-04-12' });
    expectStatus(cscs, 201);
    expect(cscs.body).toEqual({ certificantId: id, position: expect.any(Number) });
    expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'NSCA-CPT', earnedOn: '2023-11-02' }), 201);

    // D1.2: pending until the documents arrive.
    let profile = await app.get(`/certificants/${id}`);
    expectStatus(profile, 200);
    expect(profile.body.certifications).toEqual([
      { certification: 'CSCS', earnedOn: '2021-04-12', pending: true },
      { certification: 'NSCA-CPT', earnedOn: '2023-11-02', pending: true },
    ]);

    expectStatus(await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['cscs-score-report.pdf'], receivedOn: '2021-04-20' }), 201);
    expectStatus(await app.post(`/certificants/${id}/certifications/NSCA-CPT/documents`, { documents: ['cpt-score-report.pdf'] }), 201);

    const online = await app.post(`/certificants/${id}/cpr-aed`, { ...CPR_IN_PERSON, provider: 'Quick Online CPR', skillsEvaluation: false, deliveredOnline: true });
    expectStatus(online, 422, 'CPR_AED_ONLINE_NOT_ACCEPTED');
    const cpr = await app.post(`/certificants/${id}/cpr-aed`, CPR_IN_PERSON);
    expectStatus(cpr, 201);
    last = cpr.body.position;

    profile = await app.get(`/certificants/${id}`);
    expectStatus(profile, 200);
    expect(profile.body).toMatchObject({
      certificantId: id,
      name: 'Ada Quillfeather',
      email: 'ada.quillfeather@example.org',
      memberId: 'M-77120',
      status: 'registered',
      mergedInto: null,
      certifications: [
        { certification: 'CSCS', earnedOn: '2021-04-12', pending: false },
        { certification: 'NSCA-CPT', earnedOn: '2023-11-02', pending: false },
      ],
      cprAed: { current: CPR_IN_PERSON, cards: [CPR_IN_PERSON] },
    });
    expect(profile.body.cycles).toContainEqual({ cycle: '2024-2026', current: true, recorded: false });
  });

  it('answers a repeated command with nothing new', async () => {
    const again = await app.post(`/certificants/${ada.certificantId}/cpr-aed`, CPR_IN_PERSON);
    expectStatus(again, 201);
    expect(again.body.position).toBeNull();
  });

  it('finds the certificant by name, email and member id, case-insensitively', async () => {
    for (const q of ['quillfeather', 'ADA QUILL', 'ada.quillfeather@example', 'm-77120', 'feather']) {
      const found = await consistent(`/certificants?q=${encodeURIComponent(q)}`, last);
      expectStatus(found, 200);
      expect(found.body.items).toEqual([
        {
          certificantId: ada.certificantId,
          name: 'Ada Quillfeather',
          email: 'ada.quillfeather@example.org',
          memberId: 'M-77120',
          certifications: [
            { certification: 'CSCS', earnedOn: '2021-04-12', pending: false },
            { certification: 'NSCA-CPT', earnedOn: '2023-11-02', pending: false },
          ],
          currentCycleStatus: {
            cycle: '2024-2026',
            certifications: [
              { certification: 'CSCS', status: 'InProgress', required: true },
              { certification: 'NSCA-CPT', status: 'InProgress', required: true },
            ],
          },
        },
      ]);
    }
    // The status comes from the cycle-status read model, for the current cycle unless `cycle` names one.
    const inProgress = await consistent('/certificants?q=quillfeather&status=InProgress', last);
    expect(inProgress.body.items.map((item: { certificantId: string }) => item.certificantId)).toEqual([ada.certificantId]);
    const complete = await consistent('/certificants?q=quillfeather&status=Complete&cycle=2024-2026', last);
    expect(complete.body.items).toEqual([]);
    const byCertification = await consistent('/certificants?q=quillfeather&certification=TSAC-F', last);
    expectStatus(byCertification, 200);
    expect(byCertification.body.items).toEqual([]);
    const nobody = await consistent('/certificants?q=nobody-by-that-name', last);
    expect(nobody.body).toEqual({ items: [], nextCursor: null });
  });

  it('lists the timeline in order, with business date, recorded time, actor and a summary', async () => {
    const history = await consistent(`/certificants/${ada.certificantId}/history`, last);
    expectStatus(history, 200);
    expect(history.body.items.map((item: { type: string }) => item.type)).toEqual([
      'CertificantRegistered',
      'CertificationEarned',
      'CertificationEarned',
      'CertificationDocumentsReceived',
      'CertificationDocumentsReceived',
      'CprAedRecorded',
    ]);
    const [registered, earned, , documents, , cpr] = history.body.items;
    expect(registered).toMatchObject({ occurredAt: TODAY, actor: { id: expect.any(String), role: 'admin' }, summary: expect.stringContaining('Ada Quillfeather') });
    expect(earned).toMatchObject({ occurredAt: '2021-04-12', summary: expect.stringContaining('CSCS') });
    expect(documents.occurredAt).toBe('2021-04-20');
    expect(cpr.occurredAt).toBe('2024-09-01');
    expect(new Date(cpr.recordedAt).toISOString()).toBe(cpr.recordedAt);
    const positions = history.body.items.map((item: { position: number }) => item.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(history.body.nextCursor).toBeNull();

    const first = await app.get(`/certificants/${ada.certificantId}/history?limit=4`);
    expectStatus(first, 200);
    expect(first.body.items).toHaveLength(4);
    const rest = await app.get(`/certificants/${ada.certificantId}/history?limit=4&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...rest.body.items]).toEqual(history.body.items);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('records a passed exam (D2.5)', async () => {
    const passed = await app.post(`/certificants/${ada.certificantId}/exam-passed`, { certification: 'CSCS', passedOn: '2025-02-14' });
    expectStatus(passed, 201);
    last = passed.body.position;
    const profile = await app.get(`/certificants/${ada.certificantId}`);
    expect(profile.body.examsPassed).toEqual([{ certification: 'CSCS', passedOn: '2025-02-14' }]);
    expectStatus(await app.post(`/certificants/${ada.certificantId}/exam-passed`, { certification: 'CSCS', passedOn: '2025-12-01' }), 422, 'EXAM_DATE_IN_FUTURE');
  });

  it('merges a duplicate account: the survivor holds both histories, the duplicate leaves the list', async () => {
    const duplicate = await register('Ada', 'Quillfeather', 'ada.q@other-mail.example', 'M-99001');
    const dupId = duplicate.certificantId;
    expectStatus(await app.post(`/certificants/${dupId}/certifications`, { certification: 'TSAC-F', earnedOn: '2022-06-01' }), 201);
    const docs = await app.post(`/certificants/${dupId}/certifications/TSAC-F/documents`, { documents: ['tsac-f.pdf'] });
    expectStatus(docs, 201);
    await eventually(
      () => consistent('/certificants?q=quillfeather', docs.body.position),
      (body: { items: unknown[] }) => body.items.length === 2,
    );

    const merged = await app.post(`/certificants/${ada.certificantId}/merge`, { duplicateCertificantId: dupId });
    expectStatus(merged, 200);
    expect(merged.body).toEqual({ certificantId: ada.certificantId, duplicateCertificantId: dupId, position: expect.any(Number) });

    const again = await app.post(`/certificants/${ada.certificantId}/merge`, { duplicateCertificantId: dupId });
    expectStatus(again, 200);
    expect(again.body.position).toBeNull();

    const survivor = await app.get(`/certificants/${ada.certificantId}`);
    expect(survivor.body.certifications).toEqual([
      { certification: 'CSCS', earnedOn: '2021-04-12', pending: false },
      { certification: 'NSCA-CPT', earnedOn: '2023-11-02', pending: false },
      { certification: 'TSAC-F', earnedOn: '2022-06-01', pending: false },
    ]);
    expect(survivor.body.mergedAccounts).toEqual([dupId]);
    const gone = await app.get(`/certificants/${dupId}`);
    expect(gone.body).toMatchObject({ status: 'merged', mergedInto: ada.certificantId });

    // The duplicate's name and email now find the survivor, once.
    for (const q of ['quillfeather', 'other-mail', 'm-99001']) {
      const found = await consistent(`/certificants?q=${q}`, merged.body.position);
      expect(found.body.items.map((item: { certificantId: string }) => item.certificantId)).toEqual([ada.certificantId]);
    }
    const found = await consistent('/certificants?q=quillfeather', merged.body.position);
    expect(found.body.items[0].certifications.map((held: { certification: string }) => held.certification)).toEqual(['CSCS', 'NSCA-CPT', 'TSAC-F']);

    const history = await historyOf(ada.certificantId, merged.body.position);
    const types = history.map((item) => item.type);
    expect(types.filter((type) => type === 'CertificantRegistered')).toHaveLength(2);
    expect(types.filter((type) => type === 'AccountsMerged')).toHaveLength(2);
    expect(types).toContain('ExamPassed');
    expect(history.map((item) => item.position)).toEqual([...history.map((item) => item.position)].sort((a, b) => a - b));

    const refused = await app.post(`/certificants/${dupId}/certifications`, { certification: 'CSPS', earnedOn: '2024-01-05' });
    expectStatus(refused, 422, 'CERTIFICANT_MERGED');
    const backwards = await app.post(`/certificants/${dupId}/merge`, { duplicateCertificantId: ada.certificantId });
    expectStatus(backwards, 422, 'MERGE_ALREADY_MERGED');
  });
});

describe('bad input on every certificant endpoint', () => {
  let id: string;
  let position: number;
  const unknown = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    const registered = await register('Bram', 'Badinput', 'bram.badinput@example.org');
    id = registered.certificantId;
    const earned = await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2022-01-10' });
    expectStatus(earned, 201);
    position = earned.body.position;
  });

  /** The certificant's timeline did not move: nothing was recorded. */
  async function expectNothingRecorded(): Promise<void> {
    const history = await historyOf(id, position);
    expect(history.map((item) => item.type)).toEqual(['CertificantRegistered', 'CertificationEarned']);
  }

  const commands: Array<{ name: string; path: (id: string) => string; good: Record<string, unknown>; wrongType: Record<string, unknown>; badDate?: Record<string, unknown> }> = [
    {
      name: 'earn a certification',
      path: (who) => `/certificants/${who}/certifications`,
      good: { certification: 'NSCA-CPT', earnedOn: '2023-05-01' },
      wrongType: { certification: 42, earnedOn: '2023-05-01' },
      badDate: { certification: 'NSCA-CPT', earnedOn: '2026-02-30' },
    },
    {
      name: 'documents',
      path: (who) => `/certificants/${who}/certifications/CSCS/documents`,
      good: { documents: ['score.pdf'] },
      wrongType: { documents: 'score.pdf' },
      badDate: { documents: ['score.pdf'], receivedOn: '2025-13-01' },
    },
    {
      name: 'CPR/AED',
      path: (who) => `/certificants/${who}/cpr-aed`,
      good: CPR_IN_PERSON,
      wrongType: { ...CPR_IN_PERSON, coversAdult: 'yes' },
      badDate: { ...CPR_IN_PERSON, expiresOn: '2026-02-30' },
    },
    {
      name: 'merge',
      path: (who) => `/certificants/${who}/merge`,
      good: { duplicateCertificantId: unknown },
      wrongType: { duplicateCertificantId: 7 },
      badDate: { duplicateCertificantId: unknown, mergedOn: '2025-02-29' },
    },
    {
      name: 'exam passed',
      path: (who) => `/certificants/${who}/exam-passed`,
      good: { certification: 'CSCS', passedOn: '2025-01-20' },
      wrongType: { certification: 'CSCS', passedOn: 20250120 },
      badDate: { certification: 'CSCS', passedOn: '2025-02-30' },
    },
  ];

  it.each(commands)('$name: unknown fields, wrong types and impossible dates are 400; an unknown id is 404', async ({ path, good, wrongType, badDate }) => {
    expectStatus(await app.post(path(id), { ...good, sneaky: true }), 400, 'VALIDATION_FAILED');
    expectStatus(await app.post(path(id), wrongType), 400, 'VALIDATION_FAILED');
    if (badDate) expectStatus(await app.post(path(id), badDate), 400, 'VALIDATION_FAILED');
    expectStatus(await app.post(path(unknown), good), 404, 'CERTIFICANT_NOT_FOUND');
    await expectNothingRecorded();
  });

  it('refuses what the rules refuse, with their codes', async () => {
    expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'RSCC', earnedOn: '2023-05-01' }), 422, 'RSCC_NOT_A_CERTIFICATION');
    expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2023-05-01' }), 422, 'CERTIFICATION_ALREADY_HELD');
    expectStatus(await app.post(`/certificants/${id}/certifications/TSAC-F/documents`, { documents: ['x.pdf'] }), 422, 'CERTIFICATION_NOT_EARNED');
    expectStatus(await app.post(`/certificants/${id}/merge`, { duplicateCertificantId: id }), 422, 'MERGE_SAME_ACCOUNT');
    expectStatus(await app.post(`/certificants/${id}/merge`, { duplicateCertificantId: unknown }), 422, 'MERGE_DUPLICATE_UNKNOWN');
    await expectNothingRecorded();
  });

  it('queries: an unknown id is 404, a bad filter or page is 400', async () => {
    expectStatus(await app.get(`/certificants/${unknown}`), 404, 'CERTIFICANT_NOT_FOUND');
    expectStatus(await app.get(`/certificants/${unknown}/history`), 404, 'CERTIFICANT_NOT_FOUND');
    expectStatus(await app.get('/certificants?status=Done'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?certification=RSCC'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?cycle=2024'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?limit=0'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?limit=many'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?sneaky=1'), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get('/certificants?cursor=not-a-cursor'), 400, 'INVALID_CURSOR');
    expectStatus(await app.get(`/certificants/${id}/history?cursor=abc`), 400, 'VALIDATION_FAILED');
    expectStatus(await app.get(`/certificants/${id}/history?sneaky=1`), 400, 'VALIDATION_FAILED');
  });

  it('pages through the list with nextCursor', async () => {
    const names = ['Paget', 'Pagewood', 'Pageant'];
    let lastWrite = 0;
    for (const lastName of names) lastWrite = (await register('Pat', lastName, `pat.${lastName.toLowerCase()}@pages.example`)).position;
    const first = await consistent('/certificants?q=pages.example&limit=2', lastWrite);
    expectStatus(first, 200);
    expect(first.body.items.map((item: { name: string }) => item.name)).toEqual(['Pat Pageant', 'Pat Paget']);
    const second = await app.get(`/certificants?q=pages.example&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ name: 'Pat Pagewood' })], nextCursor: null });
  });

  it('a viewer reads but may not change a certificant (403, nothing recorded)', async () => {
    expectStatus(await app.post('/staff', { ...VIEWER, name: 'Viewer', roles: ['viewer'] }), 201);
    const admin = app.token;
    await app.signIn(VIEWER);
    try {
      expectStatus(await app.get(`/certificants/${id}`), 200);
      expectStatus(await app.post('/certificants', { firstName: 'No', lastName: 'Body', email: 'no.body@example.org' }), 403);
      for (const { path, good } of commands) expectStatus(await app.post(path(id), good), 403);
    } finally {
      app.token = admin;
    }
    await expectNothingRecorded();
  });
});
