import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../apps/api/src/database/tokens';
import { ADMIN, TestApp, type Answer } from './support/app-harness';

/**
 * The FAQ's audit and appeal journeys over HTTP (api.md "Audits", "Appeals", "Certificates"):
 * completers are drawn for audit, an activity rejected in audit drops the certification from
 * Complete, the audit fails, the appeal inside its window is decided by a committee member who
 * was not the auditor, and the certification is reinstated. Business "today" is pinned inside
 * the 2021-2023 cycle's audit and appeal windows (after the 2023-12-31 deadline).
 */
const CYCLE = '2021-2023';
const TODAY = '2024-02-10';
const AUDITOR = { email: 'auditor@recert.test', password: 'auditor password 1234' };
const COMMITTEE = { email: 'committee@recert.test', password: 'committee password 1234' };
const VIEWER = { email: 'viewer@recert.test', password: 'viewer password 1234' };

let app: TestApp;
const tokens: Record<string, string> = {};

const as = <T>(who: string, action: () => Promise<T>): Promise<T> => app.as(tokens[who]!, action);

function expectStatus(answer: Answer, status: number, code?: string): void {
  if (answer.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (code) expect(answer.body.error.code).toBe(code);
}

/** Polls a read model until `done` holds, with a bound (habit 9: await progress, never a fixed sleep). */
async function eventually<T>(read: () => Promise<Answer<T>>, done: (body: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > until) throw new Error(`read model did not catch up: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const consistent = (path: string, position: number | null) =>
  app.get(`${path}${path.includes('?') ? '&' : '?'}consistent=true`, position ? { 'x-min-position': String(position) } : {});

async function headPosition(): Promise<unknown> {
  const health = await app.get('//health');
  return health.body?.info?.eventStore?.headPosition ?? health.body?.details?.eventStore?.headPosition;
}

interface Completer {
  certificantId: string;
  name: string;
  activities: string[];
  position: number;
}

/** Registers a certificant who earned CSCS in 2019 and completed 2021-2023 on time (6.0 CEUs in two categories, fee paid). */
async function completer(name: string): Promise<Completer> {
  const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email: `${name.toLowerCase()}@example.org` });
  expectStatus(registered, 201);
  const id: string = registered.body.certificantId;
  expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2019-05-01' }), 201);
  expectStatus(await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-result.pdf'], receivedOn: '2019-05-10' }), 201);
  expectStatus(
    await app.post(`/certificants/${id}/cpr-aed`, {
      provider: 'American Red Cross',
      completedOn: '2023-01-15',
      expiresOn: '2025-01-15',
      coversAdult: true,
      skillsEvaluation: true,
      deliveredOnline: false,
    }),
    201,
  );
  const report = (body: object) => app.post(`/certificants/${id}/cycles/${CYCLE}/activities`, { reportedOn: '2023-06-01', ...body });
  const activities: string[] = [];
  for (const body of [
    { activityType: 'event-attendance', activityDate: '2022-03-05', title: 'Coaches conference', provider: 'Regional clinic', hours: 20 },
    { activityType: 'event-attendance', activityDate: '2022-09-10', title: 'Strength symposium', provider: 'State association', hours: 20 },
    { activityType: 'pre-approved-home-study', activityDate: '2023-02-01', title: 'Periodization course', provider: 'NSCA', ceus: 2 },
  ]) {
    const answer = await report(body);
    expectStatus(answer, 201);
    activities.push(answer.body.activityId);
  }
  const fee = await app.post(`/certificants/${id}/cycles/${CYCLE}/fees`, {
    feeType: 'recertification',
    certification: 'CSCS',
    amountCents: 7500,
    paidOn: '2023-06-01',
  });
  expectStatus(fee, 201);
  return { certificantId: id, name: `${name} Lifter`, activities, position: fee.body.position };
}

async function createStaff(credentials: { email: string; password: string }, roles: string[]): Promise<void> {
  expectStatus(await app.post('/staff', { ...credentials, name: credentials.email.split('@')[0], roles }), 201);
  const answer = await app.post('/auth/login', credentials);
  expect([200, 201]).toContain(answer.status);
  tokens[credentials.email] = answer.body.token;
}

const readinessOf = (certificantId: string) => (body: { items: { certificantId: string; ready: boolean }[] }) =>
  body.items.find((item) => item.certificantId === certificantId);

describe('audits, appeals and certificate readiness', () => {
  const people: Completer[] = [];
  let drawn: { auditId: string; certificantId: string };
  let audited: Completer;

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: TODAY });
    tokens.admin = await app.signIn(ADMIN);
    await createStaff(AUDITOR, ['auditor', 'committee']);
    await createStaff(COMMITTEE, ['committee']);
    await createStaff(VIEWER, ['viewer']);
    for (const name of ['Ada', 'Bo', 'Cy']) people.push(await completer(name));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('lists every complete, unaudited certificant as ready for a certificate', async () => {
    const last = Math.max(...people.map((p) => p.position));
    const body = await eventually(
      () => consistent(`/certificates/readiness?cycle=${CYCLE}`, last),
      (b: { items: { certificantId: string; ready: boolean }[] }) => people.every((p) => readinessOf(p.certificantId)(b)?.ready === true),
    );
    expect(readinessOf(people[0]!.certificantId)(body)).toEqual({
      certificantId: people[0]!.certificantId,
      certification: 'CSCS',
      status: 'Complete',
      ready: true,
      reasons: [],
    });
  });

  it('draws from those who completed; the same seed and population draw the same people', async () => {
    const first = await as(AUDITOR.email, () => app.post('/audits/draws', { cycle: CYCLE, count: 1, seed: 'committee 2024-02-10' }));
    expectStatus(first, 201);
    expect(first.body.selected).toHaveLength(1);
    expect(first.body.population).toBe(3);
    drawn = first.body.selected[0];
    audited = people.find((p) => p.certificantId === drawn.certificantId)!;
    expect(audited).toBeDefined();

    const again = await as(AUDITOR.email, () => app.post('/audits/draws', { cycle: CYCLE, count: 1, seed: 'committee 2024-02-10' }));
    expectStatus(again, 201);
    expect(again.body).toEqual({ ...first.body, position: again.body.position });

    const queue = await eventually(
      () => consistent(`/audits?cycle=${CYCLE}&status=open`, first.body.position),
      (b: { items: { auditId: string }[] }) => b.items.length > 0,
    );
    expect(queue.items).toEqual([expect.objectContaining({ auditId: drawn.auditId, certificantId: drawn.certificantId, status: 'open', respondBy: '2024-03-26' })]);
    // Console gap 3: the queue names the certificant, so the console asks for no profile per row.
    expect(queue.items[0]).toMatchObject({ name: audited.name });
  });

  it("names each line of the cycle's ledger with the activity's title (console gap 4)", async () => {
    const status = await consistent(`/certificants/${audited.certificantId}/cycles/${CYCLE}`, audited.position);
    expectStatus(status, 200);
    const titles = status.body.certifications[0].ledger.map((line: { title: string }) => line.title).sort();
    expect(titles).toEqual(['Coaches conference', 'Periodization course', 'Strength symposium']);
  });

  it('shows the case: the activities under audit with their documents asked for, and the deadline', async () => {
    const audit = await app.get(`/audits/${drawn.auditId}`);
    expectStatus(audit, 200);
    expect(audit.body).toMatchObject({ auditId: drawn.auditId, status: 'open', respondBy: '2024-03-26', cprAedRequested: true });
    expect(audit.body.activities.map((a: { activityId: string }) => a.activityId).sort()).toEqual([...audited.activities].sort());
    expect(audit.body.activities.every((a: { documentsRequested: boolean }) => a.documentsRequested)).toBe(true);
  });

  it('records documents and a rejection: the certification falls back from Complete and waits on the audit', async () => {
    const [rejected, ...accepted] = audited.activities;
    for (const activityId of audited.activities) {
      expectStatus(
        await as(AUDITOR.email, () => app.post(`/audits/${drawn.auditId}/documents`, { activityId, kind: 'certificate', reference: `DMS-${activityId}`, receivedOn: '2024-02-12' })),
        201,
      );
    }
    expectStatus(await as(AUDITOR.email, () => app.post(`/audits/${drawn.auditId}/documents`, { kind: 'cpr-aed', reference: 'DMS-card' })), 201);
    const verdict = await as(AUDITOR.email, () =>
      app.post(`/audits/${drawn.auditId}/verdicts`, { activityId: rejected, verdict: 'rejected', reason: 'The certificate names another person' }),
    );
    expectStatus(verdict, 201);

    const status = await eventually(
      () => consistent(`/certificants/${audited.certificantId}/cycles/${CYCLE}`, verdict.body.position),
      (b: { certifications: { status: string }[] }) => b.certifications[0]?.status !== 'Complete',
    );
    expect(status.certifications[0]!.status).not.toBe('Complete');

    const readiness = await eventually(
      () => consistent(`/certificates/readiness?cycle=${CYCLE}`, verdict.body.position),
      (b: { items: { certificantId: string; ready: boolean }[] }) => readinessOf(audited.certificantId)(b)?.ready === false,
    );
    const waiting = readiness.items.find((item: { certificantId: string }) => item.certificantId === audited.certificantId) as unknown as {
      reasons: { code: string }[];
    };
    expect(waiting.reasons.map((r) => r.code)).toContain('CERTIFICATE_AUDIT_PENDING');

    for (const activityId of accepted) {
      expectStatus(await as(AUDITOR.email, () => app.post(`/audits/${drawn.auditId}/verdicts`, { activityId, verdict: 'accepted' })), 201);
    }
  });

  it('closes the audit as failed when the rejections leave the certification short, and expires it', async () => {
    const closed = await as(AUDITOR.email, () => app.post(`/audits/${drawn.auditId}/close`, {}));
    expectStatus(closed, 200);
    expect(closed.body.outcome).toBe('failed');
    expect(closed.body.reasons.map((r: { code: string }) => r.code)).toContain('AUDIT_CEUS_SHORT');

    const status = await eventually(
      () => consistent(`/certificants/${audited.certificantId}/cycles/${CYCLE}`, closed.body.position),
      (b: { certifications: { status: string }[] }) => b.certifications[0]?.status === 'Expired',
    );
    expect(status.certifications[0]!.status).toBe('Expired');
    await eventually(
      () => consistent(`/audits?cycle=${CYCLE}&status=failed`, closed.body.position),
      (b: { items: { auditId: string }[] }) => b.items.some((item) => item.auditId === drawn.auditId),
    );
  });

  it('keeps the verdict reasons and why it closed on the case, read again later (console gap 2)', async () => {
    const [rejected] = audited.activities;
    const audit = await app.get(`/audits/${drawn.auditId}`);
    expectStatus(audit, 200);
    expect(audit.body).toMatchObject({ status: 'failed', closedOn: TODAY, closeReasons: [expect.objectContaining({ code: 'AUDIT_CEUS_SHORT' })] });
    expect(audit.body.activities.find((a: { activityId: string }) => a.activityId === rejected)).toMatchObject({
      verdict: 'rejected',
      verdictReason: 'The certificate names another person',
    });
    expect(audit.body.verdicts).toContainEqual(expect.objectContaining({ activityId: rejected, verdict: 'rejected', reason: 'The certificate names another person', decidedOn: TODAY }));
    expect(audit.body.verdicts.filter((v: { verdict: string }) => v.verdict === 'accepted').every((v: { reason: unknown }) => v.reason === null)).toBe(true);
  });

  let appealId: string;
  let filedAnswer: unknown;
  const FILING_KEY = `file-appeal-${Date.now()}`;
  const FILING = () => ({ certificantId: audited.certificantId, cycle: CYCLE, grounds: 'illness', statement: 'The certificate was misprinted by the provider.' });

  it('refuses an appeal outside the window (Feb 1 - Mar 15 after the deadline)', async () => {
    const late = await app.post('/appeals', { certificantId: audited.certificantId, cycle: CYCLE, grounds: 'illness', statement: 'In hospital.', filedOn: '2024-03-20' });
    expectStatus(late, 422, 'APPEAL_OUTSIDE_WINDOW');
    const early = await app.post('/appeals', { certificantId: audited.certificantId, cycle: CYCLE, grounds: 'illness', statement: 'In hospital.', filedOn: '2024-01-31' });
    expectStatus(early, 422, 'APPEAL_OUTSIDE_WINDOW');
  });

  it('files an appeal inside the window against the audit, with the auditor as the decision appealed', async () => {
    const filed = await app.post('/appeals', FILING(), { 'idempotency-key': FILING_KEY });
    expectStatus(filed, 201);
    appealId = filed.body.appealId;
    filedAnswer = filed.body;
    expectStatus(await app.post(`/appeals/${appealId}/documents`, { kind: 'provider-letter', reference: 'DMS-letter' }), 201);

    const appeal = await app.get(`/appeals/${appealId}`);
    expectStatus(appeal, 200);
    expect(appeal.body).toMatchObject({ status: 'filed', certification: 'CSCS', appealedDecision: { kind: 'audit', reference: drawn.auditId } });
    // Console gap 1: what was filed, read from the appeal itself.
    expect(appeal.body).toMatchObject({ kind: 'appeal', grounds: 'illness', statement: 'The certificate was misprinted by the provider.', filedOn: TODAY });
    expect(appeal.body.documents).toEqual([{ kind: 'provider-letter', reference: 'DMS-letter' }]);

    const queue = await eventually(
      () => consistent(`/appeals?cycle=${CYCLE}&status=filed`, filed.body.position),
      (b: { items: { appealId: string; documentsReceived: number }[] }) => b.items.some((i) => i.appealId === appealId && i.documentsReceived === 1),
    );
    expect(queue.items).toEqual([expect.objectContaining({ appealId, certificantId: audited.certificantId, name: audited.name, grounds: 'illness', status: 'filed' })]);
  });

  it('answers a filing sent again after its stored answer was lost with the appeal it filed, filing nothing new', async () => {
    const head = await headPosition();
    // As a crash between recording and answering leaves it: the key claimed, no answer, abandoned.
    await app.app
      .get<DataSource>(DATA_SOURCE)
      .query(`UPDATE idempotency_keys SET status = NULL, response = NULL, created_at = now() - interval '1 hour' WHERE idempotency_key = $1`, [FILING_KEY]);
    const again = await app.post('/appeals', FILING(), { 'idempotency-key': FILING_KEY });
    expectStatus(again, 201);
    expect(again.body).toEqual(filedAnswer);
    expect(await headPosition()).toEqual(head);
  });

  it("filters the appeals by certificant (console gap 6)", async () => {
    const mine = await app.get(`/appeals?certificantId=${audited.certificantId}`);
    expectStatus(mine, 200);
    expect(mine.body.items.map((i: { appealId: string }) => i.appealId)).toEqual([appealId]);
    const other = people.find((p) => p.certificantId !== audited.certificantId)!;
    const none = await app.get(`/appeals?certificantId=${other.certificantId}`);
    expectStatus(none, 200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('answers a repeated Idempotency-Key with the first answer and records nothing', async () => {
    const key = { 'idempotency-key': `appeal-photo-${appealId}` };
    const first = await app.post(`/appeals/${appealId}/documents`, { kind: 'photo', reference: 'DMS-photo' }, key);
    expectStatus(first, 201);
    const head = await headPosition();
    const again = await app.post(`/appeals/${appealId}/documents`, { kind: 'photo', reference: 'DMS-photo' }, key);
    expectStatus(again, 201);
    expect(again.body).toEqual(first.body);
    expectStatus(await app.post(`/appeals/${appealId}/documents`, { kind: 'photo', reference: 'DMS-other' }, key), 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(await headPosition()).toEqual(head);
  });

  it('does not let the auditor who closed the audit decide the appeal (D6.4)', async () => {
    const refused = await as(AUDITOR.email, () =>
      app.post(`/appeals/${appealId}/decision`, { decision: 'granted', remedy: { kind: 'reinstatement' }, rationale: 'Misprint confirmed.' }),
    );
    expectStatus(refused, 422, 'APPEAL_DECIDER_NOT_IMPARTIAL');
  });

  it('another committee member grants reinstatement: the certification is Reinstated', async () => {
    const decided = await as(COMMITTEE.email, () =>
      app.post(`/appeals/${appealId}/decision`, { decision: 'granted', remedy: { kind: 'reinstatement' }, rationale: 'Misprint confirmed by the provider.' }),
    );
    expectStatus(decided, 200);
    expect(decided.body.decision).toBe('granted');
    const status = await eventually(
      () => consistent(`/certificants/${audited.certificantId}/cycles/${CYCLE}`, decided.body.position),
      (b: { certifications: { status: string }[] }) => b.certifications[0]?.status === 'Reinstated',
    );
    expect(status.certifications[0]!.status).toBe('Reinstated');
    await eventually(
      () => consistent(`/appeals?status=granted`, decided.body.position),
      (b: { items: { appealId: string }[] }) => b.items.some((i) => i.appealId === appealId),
    );
  });

  describe('bad input: answered with its code, nothing recorded', () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    let before: unknown;

    beforeAll(async () => {
      before = await headPosition();
    });

    it.each([
      ['POST /audits/draws unknown field', () => app.post('/audits/draws', { cycle: CYCLE, seed: 's', size: 2 }), 400, 'VALIDATION_FAILED'],
      ['POST /audits/draws rate of the wrong type', () => app.post('/audits/draws', { cycle: CYCLE, seed: 's', rate: 'half' }), 400, 'VALIDATION_FAILED'],
      ['POST /audits/draws without a seed', () => app.post('/audits/draws', { cycle: CYCLE }), 400, 'VALIDATION_FAILED'],
      ['POST /audits/draws unknown cycle', () => app.post('/audits/draws', { cycle: '1999-2001', seed: 's' }), 404, 'CYCLE_NOT_FOUND'],
      ['GET /audits bad status', () => app.get('/audits?status=pending'), 400, 'VALIDATION_FAILED'],
      ['GET /audits/:id unknown', () => app.get(`/audits/${unknown}`), 404, 'AUDIT_NOT_FOUND'],
      ['POST documents unknown audit', () => app.post(`/audits/${unknown}/documents`, { kind: 'k', reference: 'r' }), 404, 'AUDIT_NOT_FOUND'],
      ['POST documents impossible date', () => app.post(`/audits/${unknown}/documents`, { kind: 'k', reference: 'r', receivedOn: '2024-02-30' }), 400, 'VALIDATION_FAILED'],
      ['POST documents unknown field', () => app.post(`/audits/${unknown}/documents`, { kind: 'k', reference: 'r', pages: 3 }), 400, 'VALIDATION_FAILED'],
      ['POST verdicts wrong verdict', () => app.post(`/audits/${unknown}/verdicts`, { activityId: 'a', verdict: 'maybe' }), 400, 'VALIDATION_FAILED'],
      ['POST verdicts unknown audit', () => app.post(`/audits/${unknown}/verdicts`, { activityId: 'a', verdict: 'accepted' }), 404, 'AUDIT_NOT_FOUND'],
      ['POST close impossible date', () => app.post(`/audits/${unknown}/close`, { decidedOn: '2024-02-30' }), 400, 'VALIDATION_FAILED'],
      ['POST close unknown field', () => app.post(`/audits/${unknown}/close`, { outcome: 'passed' }), 400, 'VALIDATION_FAILED'],
      ['POST close unknown audit', () => app.post(`/audits/${unknown}/close`, {}), 404, 'AUDIT_NOT_FOUND'],
      ['POST /appeals unknown grounds', () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'boredom', statement: 's' }), 400, 'VALIDATION_FAILED'],
      ['POST /appeals impossible date', () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'illness', statement: 's', filedOn: '2024-02-30' }), 400, 'VALIDATION_FAILED'],
      ['POST /appeals unknown field', () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'illness', statement: 's', urgent: true }), 400, 'VALIDATION_FAILED'],
      ['POST /appeals statement of the wrong type', () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'illness', statement: 42 }), 400, 'VALIDATION_FAILED'],
      ['POST /appeals unknown certificant', () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'illness', statement: 's' }), 404, 'CERTIFICANT_NOT_FOUND'],
      ['POST /appeals unknown cycle', () => app.post('/appeals', { certificantId: unknown, cycle: '1999-2001', grounds: 'illness', statement: 's' }), 404, 'CYCLE_NOT_FOUND'],
      ['GET /appeals/:id unknown', () => app.get(`/appeals/${unknown}`), 404, 'APPEAL_NOT_FOUND'],
      ['POST appeal documents unknown appeal', () => app.post(`/appeals/${unknown}/documents`, { kind: 'k', reference: 'r' }), 404, 'APPEAL_NOT_FOUND'],
      ['POST appeal documents unknown field', () => app.post(`/appeals/${unknown}/documents`, { kind: 'k', reference: 'r', x: 1 }), 400, 'VALIDATION_FAILED'],
      ['POST decision wrong decision', () => app.post(`/appeals/${unknown}/decision`, { decision: 'maybe', rationale: 'r' }), 400, 'VALIDATION_FAILED'],
      [
        'POST decision impossible extension date',
        () => app.post(`/appeals/${unknown}/decision`, { decision: 'granted', remedy: { kind: 'extension', until: '2024-02-30' }, rationale: 'r' }),
        400,
        'VALIDATION_FAILED',
      ],
      ['POST decision unknown remedy field', () => app.post(`/appeals/${unknown}/decision`, { decision: 'granted', remedy: { kind: 'reinstatement', why: 1 }, rationale: 'r' }), 400, 'VALIDATION_FAILED'],
      ['POST decision unknown appeal', () => app.post(`/appeals/${unknown}/decision`, { decision: 'denied', rationale: 'r' }), 404, 'APPEAL_NOT_FOUND'],
      ['GET readiness without a cycle', () => app.get('/certificates/readiness'), 400, 'VALIDATION_FAILED'],
      ['GET readiness unknown cycle', () => app.get('/certificates/readiness?cycle=1999-2001'), 404, 'CYCLE_NOT_FOUND'],
      ['GET readiness bad limit', () => app.get(`/certificates/readiness?cycle=${CYCLE}&limit=many`), 400, 'VALIDATION_FAILED'],
    ])('%s', async (_label, send, status, code) => {
      expectStatus(await send(), status as number, code as string);
    });

    it.each([
      ['a viewer drawing audits', VIEWER.email, () => app.post('/audits/draws', { cycle: CYCLE, seed: 's' })],
      ['a viewer filing an appeal', VIEWER.email, () => app.post('/appeals', { certificantId: unknown, cycle: CYCLE, grounds: 'illness', statement: 's' })],
      ['a committee member recording a verdict', COMMITTEE.email, () => app.post(`/audits/${unknown}/verdicts`, { activityId: 'a', verdict: 'accepted' })],
      ['a committee member closing an audit', COMMITTEE.email, () => app.post(`/audits/${unknown}/close`, {})],
      ['a viewer deciding an appeal', VIEWER.email, () => app.post(`/appeals/${unknown}/decision`, { decision: 'denied', rationale: 'r' })],
    ])('403 for %s', async (_label, who, send) => {
      expectStatus(await as(who, send), 403, 'FORBIDDEN');
    });

    it('recorded nothing for any of them', async () => {
      expect(before).toBeDefined();
      expect(await headPosition()).toEqual(before);
    });
  });
});
