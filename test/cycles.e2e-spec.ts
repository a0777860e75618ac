import { randomUUID } from 'node:crypto';
import { ADMIN, TestApp, type Answer } from './support/app-harness';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../apps/api/src/database/tokens';

/**
 * A certificant's cycle over HTTP (api.md "A certificant's cycle"), the FAQ's journeys: CSCS
 * earned before 2024-2026 (6.0 CEUs from two categories), activities of each kind, a category
 * cap and the personal-development cap explained in the ledger, a membership fee that is not the
 * recertification fee (D4.3), completion, a preview that records nothing, a withdrawal, and a
 * completion in the late window that needs the late fee. Business "today" is pinned by RECERT_NOW.
 */
const CYCLE = '2024-2026';
const TODAY = '2026-06-15';
const LATE_TODAY = '2027-01-15';
const VIEWER = { email: 'viewer@recert.test', password: 'viewer password 1234' };

function expectStatus(answer: Answer, status: number, code?: string): void {
  if (answer.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (code) expect(answer.body.error.code).toBe(code);
}

interface Certificant {
  id: string;
  position: number;
}

/** One app and its helpers; the late journey runs on a second app pinned after the deadline. */
function driver(get: () => TestApp) {
  const cyclePath = (id: string) => `/certificants/${id}/cycles/${CYCLE}`;
  return {
    cyclePath,
    /** Registers someone who earned CSCS on `earnedOn` and whose documents were received (D1.2). */
    async certificant(name: string, earnedOn = '2022-05-01', memberId?: string): Promise<Certificant> {
      const app = get();
      const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email: `${name.toLowerCase()}-${randomUUID()}@example.org`, ...(memberId ? { memberId } : {}) });
      expectStatus(registered, 201);
      const id: string = registered.body.certificantId;
      expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn }), 201);
      const documents = await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-score-report.pdf'] });
      expectStatus(documents, 201);
      return { id, position: documents.body.position as number };
    },
    async report(who: Certificant, body: object): Promise<Answer> {
      const answer = await get().post(`${cyclePath(who.id)}/activities`, body);
      if (answer.status === 201) who.position = answer.body.position as number;
      return answer;
    },
    async pay(who: Certificant, body: object): Promise<Answer> {
      const answer = await get().post(`${cyclePath(who.id)}/fees`, body);
      if (answer.status === 201) who.position = answer.body.position as number;
      return answer;
    },
    async withdraw(who: Certificant, activityId: string, reason: string): Promise<Answer> {
      const answer = await get().post(`${cyclePath(who.id)}/activities/${activityId}/withdraw`, { reason });
      if (answer.status === 200 && answer.body.position) who.position = answer.body.position as number;
      return answer;
    },
    /** The cycle status once the read model has passed the certificant's last write (read-your-writes). */
    async status(who: Certificant): Promise<CycleStatus> {
      const answer = await get().get(`${cyclePath(who.id)}?consistent=true`, { 'x-min-position': String(who.position) });
      expectStatus(answer, 200);
      expect(answer.headers.get('x-consistency')).toBe('reached');
      return answer.body as CycleStatus;
    },
    /** The event store's head (GET /health): a command that records nothing leaves it where it was. */
    async headPosition(): Promise<number> {
      const health = await get().get('//health');
      const head: unknown = health.body?.info?.eventStore?.headPosition ?? health.body?.details?.eventStore?.headPosition;
      expect(head).toBeDefined();
      return Number(head);
    },
    /**
     * The head once it has passed `position`: the head is commit-safe, so it may trail a write
     * while another transaction (a projection's batch) is open.
     */
    async settledHead(position: number): Promise<number> {
      const until = Date.now() + 5_000;
      for (;;) {
        const head = await this.headPosition();
        if (head >= position) return head;
        if (Date.now() > until) throw new Error(`the head stayed at ${head}, before ${position}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}

interface CycleStatus {
  certificantId: string;
  cycle: string;
  deadline: string;
  lateDeadline: string;
  certifications: Array<{
    certification: string;
    status: string;
    requiredCeus: number;
    appliedCeus: number;
    byCategory: { category: string; reportedCeus: number; appliedCeus: number; maxCeus: number }[];
    recertificationFeePaid: boolean;
    lateFeeDue: boolean;
    lateFeePaid: boolean;
    blockers: { code: string; message: string }[];
    ledger: { activityId: string; activityType: string; category: string; reportedCeus: number; appliedCeus: number; explanation: string }[];
  }>;
  audit: unknown;
}

const cscs = (status: CycleStatus) => status.certifications.find((c) => c.certification === 'CSCS')!;

describe('a certificant\'s cycle, before the deadline', () => {
  let app: TestApp;
  const use = driver(() => app);

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: TODAY });
    await app.signIn(ADMIN);
    expectStatus(await app.post('/staff', { email: VIEWER.email, name: 'Vera Viewer', roles: ['viewer'], password: VIEWER.password }), 201);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  describe('Ada reports each kind of activity and completes', () => {
    let ada: Certificant;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ada = await use.certificant('Ada');
    });

    it('starts InProgress with 6.0 CEUs required and nothing applied', async () => {
      const status = await use.status(ada);
      expect(status).toMatchObject({ certificantId: ada.id, cycle: CYCLE, deadline: '2026-12-31', lateDeadline: '2027-01-31', audit: null });
      expect(cscs(status)).toMatchObject({ status: 'InProgress', required: true, requiredCeus: 6, appliedCeus: 0, recertificationFeePaid: false });
    });

    it('values event attendance by the hour (0.1 CEU per hour)', async () => {
      const answer = await use.report(ada, { activityType: 'event-attendance', activityDate: '2024-03-09', title: 'Regional clinic', provider: 'NSCA Texas', hours: 14 });
      expectStatus(answer, 201);
      expect(answer.body).toMatchObject({ category: 'A', ceus: 1.4, appliesTo: ['CSCS'] });
      expect(typeof answer.body.activityId).toBe('string');
      expect(typeof answer.body.position).toBe('number');
      ids.event = answer.body.activityId;
    });

    it('values a college course by credit hours: semester 0.5, quarter 0.3 per credit hour', async () => {
      const semester = await use.report(ada, { activityType: 'college-course', activityDate: '2024-09-01', title: 'Exercise physiology', creditHours: 3, creditSystem: 'semester' });
      expectStatus(semester, 201);
      expect(semester.body).toMatchObject({ category: 'C', ceus: 1.5 });
      const quarter = await use.report(ada, { activityType: 'college-course', activityDate: '2025-01-10', title: 'Biomechanics', creditHours: 3, creditSystem: 'quarter' });
      expectStatus(quarter, 201);
      expect(quarter.body).toMatchObject({ category: 'C', ceus: 0.9 });
    });

    it('gives First Aid its fixed value, whatever the body says', async () => {
      const answer = await use.report(ada, { activityType: 'first-aid', activityDate: '2025-02-01', title: 'First Aid', provider: 'Red Cross' });
      expectStatus(answer, 201);
      expect(answer.body).toMatchObject({ ceus: 0.5 });
    });

    it('counts a quiz passed with 70 or more and refuses a failed one (422)', async () => {
      const passed = await use.report(ada, { activityType: 'nsca-quiz', activityDate: '2025-03-01', title: 'NSCA quiz 12', quizScore: 80 });
      expectStatus(passed, 201);
      expect(passed.body.ceus).toBeGreaterThan(0);
      ids.quiz = passed.body.activityId;
      const failed = await use.report(ada, { activityType: 'nsca-quiz', activityDate: '2025-03-02', title: 'NSCA quiz 13', quizScore: 60 });
      expectStatus(failed, 422, 'QUIZ_NOT_PASSED');
    });

    it('caps personal development and says so in the ledger', async () => {
      const answer = await use.report(ada, { activityType: 'personal-development', activityDate: '2025-05-01', title: 'Leadership seminar', ceus: 3 });
      expectStatus(answer, 201);
      const line = cscs(await use.status(ada)).ledger.find((l) => l.activityId === answer.body.activityId)!;
      expect(line.reportedCeus).toBe(3);
      expect(line.appliedCeus).toBeLessThan(3);
      expect(line.explanation).toMatch(/personal development|cap|maximum/i);
    });

    it('shows the CEUs met but the recertification fee missing after a membership fee (D4.3)', async () => {
      expectStatus(await use.pay(ada, { feeType: 'membership', amountCents: 12000 }), 201);
      const status = cscs(await use.status(ada));
      expect(status.appliedCeus).toBeGreaterThanOrEqual(6);
      expect(status.status).toBe('CeusMet');
      expect(status.recertificationFeePaid).toBe(false);
      expect(status.blockers.map((b) => b.code)).toEqual(expect.arrayContaining(['RECERTIFICATION_FEE_MISSING', 'OTHER_FEE_NOT_RECERTIFICATION']));
    });

    it('previews an activity: before and after, and records nothing', async () => {
      const head = await use.settledHead(ada.position);
      const answer = await app.post(`${use.cyclePath(ada.id)}/activities/preview`, { activityType: 'event-attendance', activityDate: '2025-06-01', title: 'What if', hours: 5 });
      expectStatus(answer, 200);
      expect(answer.body).toMatchObject({ ceus: 0.5, category: 'A', appliesTo: ['CSCS'] });
      expect(cscs(answer.body.statusAfter).appliedCeus).toBeGreaterThanOrEqual(cscs(answer.body.statusBefore).appliedCeus);
      expect(cscs(answer.body.statusAfter).ledger).toHaveLength(cscs(answer.body.statusBefore).ledger.length + 1);
      expect(typeof answer.body.explanation).toBe('string');
      expect(await use.headPosition()).toEqual(head);
      const refused = await app.post(`${use.cyclePath(ada.id)}/activities/preview`, { activityType: 'nsca-quiz', activityDate: '2025-06-01', title: 'Quiz', quizScore: 10 });
      expectStatus(refused, 422, 'QUIZ_NOT_PASSED');
    });

    it('completes once the recertification fee for CSCS is paid', async () => {
      const paid = await use.pay(ada, { feeType: 'recertification', certification: 'CSCS', amountCents: 7500, paidOn: '2026-06-01' });
      expectStatus(paid, 201);
      expect(typeof paid.body.feeId).toBe('string');
      const status = cscs(await use.status(ada));
      expect(status).toMatchObject({ status: 'Complete', recertificationFeePaid: true, blockers: [] });
      expectStatus(await use.pay(ada, { feeType: 'recertification', certification: 'CSCS', amountCents: 7500 }), 422, 'FEE_ALREADY_PAID');
    });
  });

  describe('Bo hits a category cap, and withdrawing restores the earlier status', () => {
    let bo: Certificant;

    beforeAll(async () => {
      bo = await use.certificant('Bo');
    });

    it('applies no more than the category maximum and explains it', async () => {
      for (const [date, title] of [['2024-04-01', 'Conference'], ['2024-10-01', 'Symposium'], ['2025-04-01', 'Summit']] as const) {
        expectStatus(await use.report(bo, { activityType: 'event-attendance', activityDate: date, title, hours: 20 }), 201);
      }
      const status = cscs(await use.status(bo));
      const a = status.byCategory.find((c) => c.category === 'A')!;
      expect(a.reportedCeus).toBe(6);
      expect(a.appliedCeus).toBe(a.maxCeus);
      expect(a.maxCeus).toBeLessThan(6);
      expect(status.ledger.map((l) => l.explanation).join(' ')).toMatch(/maximum reached/);
      // One category only: the two-category rule keeps it InProgress.
      expect(status.status).toBe('InProgress');
    });

    it('withdraws an activity: the status goes back to what it was', async () => {
      const before = cscs(await use.status(bo));
      const reported = await use.report(bo, { activityType: 'first-aid', activityDate: '2025-06-01', title: 'First Aid' });
      expectStatus(reported, 201);
      const after = cscs(await use.status(bo));
      expect(after.appliedCeus).toBeGreaterThan(before.appliedCeus);
      expectStatus(await use.withdraw(bo, reported.body.activityId as string, 'Reported on the wrong account'), 200);
      const restored = cscs(await use.status(bo));
      expect({ status: restored.status, appliedCeus: restored.appliedCeus, byCategory: restored.byCategory }).toEqual({
        status: before.status,
        appliedCeus: before.appliedCeus,
        byCategory: before.byCategory,
      });
      expectStatus(await use.withdraw(bo, reported.body.activityId as string, 'again'), 200);
    });

    it('answers a command sent again with the same Idempotency-Key with the first answer, recording nothing', async () => {
      const body = { activityType: 'first-aid', activityDate: '2025-07-01', title: 'First Aid renewal' };
      const headers = { 'idempotency-key': `bo-first-aid-${randomUUID()}` };
      const first = await app.post(`${use.cyclePath(bo.id)}/activities`, body, headers);
      expectStatus(first, 201);
      const head = await use.settledHead(first.body.position as number);
      const again = await app.post(`${use.cyclePath(bo.id)}/activities`, body, headers);
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(await use.headPosition()).toEqual(head);
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities`, { ...body, title: 'Another' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
    });

    // ADR 14: a cycle's commands keep their Idempotency-Key in the event store alone.
    const count = async (sql: string, value: string) => ((await app.app.get<DataSource>(DATA_SOURCE).query(sql, [value])) as Array<{ n: number }>)[0].n;
    const keyRows = (key: string) => count('SELECT count(*)::int AS n FROM idempotency_keys WHERE idempotency_key = $1', key);
    const recorded = (title: string) => count(`SELECT count(*)::int AS n FROM events WHERE type = 'ActivityReported' AND data->>'title' = $1`, title);

    it("keeps a cycle command's key in the event store: no key row to lose, and the same answer when the first was lost", async () => {
      const body = { activityType: 'first-aid', activityDate: '2025-07-02', title: 'First Aid refresher' };
      const key = `bo-lost-answer-${randomUUID()}`;
      const first = await app.post(`${use.cyclePath(bo.id)}/activities`, body, { 'idempotency-key': key });
      expectStatus(first, 201);
      expect(await keyRows(key)).toBe(0);
      const head = await use.settledHead(first.body.position as number);
      // The first answer never reached the client (nothing of it is kept but the events): sent again.
      const again = await app.post(`${use.cyclePath(bo.id)}/activities`, body, { 'idempotency-key': key });
      expectStatus(again, 201);
      expect(again.body).toEqual(first.body);
      expect(await use.headPosition()).toEqual(head);
      expect(await recorded(body.title)).toBe(1);
    });

    it('answers every one of a burst of concurrent duplicates with the one activity recorded', async () => {
      const body = { activityType: 'first-aid', activityDate: '2025-07-03', title: `Burst ${randomUUID()}` };
      const headers = { 'idempotency-key': `bo-burst-${randomUUID()}` };
      const answers = await Promise.all(Array.from({ length: 6 }, () => app.post(`${use.cyclePath(bo.id)}/activities`, body, headers)));
      for (const answer of answers) {
        expectStatus(answer, 201);
        expect(answer.body).toEqual(answers[0].body);
      }
      expect(await recorded(body.title)).toBe(1);
      bo.position = answers[0].body.position as number;
    });

    it('refuses a key sent again with another command on the same cycle, or with a body the rules refuse, recording nothing', async () => {
      const body = { activityType: 'first-aid', activityDate: '2025-07-04', title: `Reused ${randomUUID()}` };
      const headers = { 'idempotency-key': `bo-reused-${randomUUID()}` };
      const first = await app.post(`${use.cyclePath(bo.id)}/activities`, body, headers);
      expectStatus(first, 201);
      const head = await use.settledHead(first.body.position as number);
      // Another route on the same stream: the key's events were the activity's.
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/fees`, { feeType: 'membership', amountCents: 100 }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      // Another body the rules would refuse anyway (an activity dated after today): the key speaks first.
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities`, { ...body, activityDate: '2026-12-31' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      // Another route again: a withdrawal of the very activity the key recorded.
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities/${first.body.activityId as string}/withdraw`, { reason: 'typo' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      // Refused before the store (an unknown field: 400; an unknown activity: 404): the key still speaks first.
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities`, { ...body, colour: 'red' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities/${randomUUID()}/withdraw`, { reason: 'typo' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      // The same refusals under a key that recorded nothing are the refusals themselves.
      const fresh = { 'idempotency-key': `bo-fresh-${randomUUID()}` };
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities`, { ...body, colour: 'red' }, fresh), 400, 'VALIDATION_FAILED');
      expectStatus(await app.post(`${use.cyclePath(bo.id)}/activities/${randomUUID()}/withdraw`, { reason: 'typo' }, fresh), 404, 'ACTIVITY_NOT_FOUND');
      expect(await use.headPosition()).toEqual(head);
      expect(await recorded(body.title)).toBe(1);
    });

    it('answers a withdrawal sent again with its first answer', async () => {
      const reported = await use.report(bo, { activityType: 'first-aid', activityDate: '2025-07-05', title: `Withdrawn ${randomUUID()}` });
      expectStatus(reported, 201);
      const headers = { 'idempotency-key': `bo-withdraw-${randomUUID()}` };
      const path = `${use.cyclePath(bo.id)}/activities/${reported.body.activityId as string}/withdraw`;
      const first = await app.post(path, { reason: 'Reported twice' }, headers);
      expectStatus(first, 200);
      expect(first.body.position).toEqual(expect.any(Number));
      const head = await use.settledHead(first.body.position as number);
      const again = await app.post(path, { reason: 'Reported twice' }, headers);
      expectStatus(again, 200);
      expect(again.body).toEqual(first.body);
      expectStatus(await app.post(path, { reason: 'Another reason' }, headers), 409, 'IDEMPOTENCY_KEY_REUSED');
      expect(await use.headPosition()).toEqual(head);
      bo.position = first.body.position as number;
    });
  });

  describe('bad input', () => {
    let cy: Certificant;
    let activityId: string;
    let head: number;
    let ledger: unknown;
    const unknown = randomUUID();

    beforeAll(async () => {
      cy = await use.certificant('Cy');
      const reported = await use.report(cy, { activityType: 'first-aid', activityDate: '2025-06-01', title: 'First Aid' });
      expectStatus(reported, 201);
      activityId = reported.body.activityId as string;
      head = await use.settledHead(cy.position);
      ledger = cscs(await use.status(cy)).ledger;
    });

    const activity = { activityType: 'event-attendance', activityDate: '2025-03-01', title: 'Clinic', hours: 2 };
    const path = () => use.cyclePath(cy.id);
    it.each([
      ['report: unknown field', () => app.post(`${path()}/activities`, { ...activity, mood: 'good' }), 400, 'VALIDATION_FAILED'],
      ['report: hours of the wrong type', () => app.post(`${path()}/activities`, { ...activity, hours: 'eight' }), 400, 'VALIDATION_FAILED'],
      ['report: impossible date', () => app.post(`${path()}/activities`, { ...activity, activityDate: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      ['report: impossible reportedOn', () => app.post(`${path()}/activities`, { ...activity, reportedOn: '2025-13-01' }), 400, 'VALIDATION_FAILED'],
      ['report: bad credit system', () => app.post(`${path()}/activities`, { ...activity, creditSystem: 'trimester' }), 400, 'VALIDATION_FAILED'],
      ['report: no title', () => app.post(`${path()}/activities`, { activityType: 'first-aid', activityDate: '2025-03-01' }), 400, 'VALIDATION_FAILED'],
      ['report: unknown certificant', () => app.post(`/certificants/${unknown}/cycles/${CYCLE}/activities`, activity), 404, 'CERTIFICANT_NOT_FOUND'],
      ['report: unknown cycle', () => app.post(`/certificants/${cy.id}/cycles/1999-2001/activities`, activity), 404, 'CYCLE_NOT_FOUND'],
      ['report: a cycle name that is no cycle', () => app.post(`/certificants/${cy.id}/cycles/someday/activities`, activity), 404, 'CYCLE_NOT_FOUND'],
      ['report: outside the cycle', () => app.post(`${path()}/activities`, { ...activity, activityDate: '2023-12-31' }), 422, 'ACTIVITY_OUTSIDE_CYCLE'],
      ['report: unknown activity type', () => app.post(`${path()}/activities`, { ...activity, activityType: 'napping' }), 422, 'ACTIVITY_TYPE_UNKNOWN'],
      ['report: reported in the future', () => app.post(`${path()}/activities`, { ...activity, reportedOn: '2026-07-01' }), 422, 'REPORTED_ON_IN_FUTURE'],
      ['preview: unknown field', () => app.post(`${path()}/activities/preview`, { ...activity, mood: 'good' }), 400, 'VALIDATION_FAILED'],
      ['preview: impossible date', () => app.post(`${path()}/activities/preview`, { ...activity, activityDate: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      ['preview: unknown certificant', () => app.post(`/certificants/${unknown}/cycles/${CYCLE}/activities/preview`, activity), 404, 'CERTIFICANT_NOT_FOUND'],
      ['preview: unknown cycle', () => app.post(`/certificants/${cy.id}/cycles/1999-2001/activities/preview`, activity), 404, 'CYCLE_NOT_FOUND'],
      ['withdraw: no reason', () => app.post(`${path()}/activities/${activityId}/withdraw`, {}), 400, 'VALIDATION_FAILED'],
      ['withdraw: reason of the wrong type', () => app.post(`${path()}/activities/${activityId}/withdraw`, { reason: 42 }), 400, 'VALIDATION_FAILED'],
      ['withdraw: unknown field', () => app.post(`${path()}/activities/${activityId}/withdraw`, { reason: 'r', force: true }), 400, 'VALIDATION_FAILED'],
      ['withdraw: unknown activity', () => app.post(`${path()}/activities/${unknown}/withdraw`, { reason: 'r' }), 404, 'ACTIVITY_NOT_FOUND'],
      ['withdraw: unknown certificant', () => app.post(`/certificants/${unknown}/cycles/${CYCLE}/activities/${activityId}/withdraw`, { reason: 'r' }), 404, 'CERTIFICANT_NOT_FOUND'],
      ['withdraw: unknown cycle', () => app.post(`/certificants/${cy.id}/cycles/1999-2001/activities/${activityId}/withdraw`, { reason: 'r' }), 404, 'CYCLE_NOT_FOUND'],
      ['fee: unknown fee type', () => app.post(`${path()}/fees`, { feeType: 'parking', amountCents: 100 }), 400, 'VALIDATION_FAILED'],
      ['fee: amount not in whole cents', () => app.post(`${path()}/fees`, { feeType: 'membership', amountCents: 12.5 }), 400, 'VALIDATION_FAILED'],
      ['fee: amount of the wrong type', () => app.post(`${path()}/fees`, { feeType: 'membership', amountCents: '100' }), 400, 'VALIDATION_FAILED'],
      ['fee: impossible date', () => app.post(`${path()}/fees`, { feeType: 'membership', amountCents: 100, paidOn: '2026-02-30' }), 400, 'VALIDATION_FAILED'],
      ['fee: unknown field', () => app.post(`${path()}/fees`, { feeType: 'membership', amountCents: 100, currency: 'USD' }), 400, 'VALIDATION_FAILED'],
      ['fee: unknown certification', () => app.post(`${path()}/fees`, { feeType: 'recertification', certification: 'XYZ', amountCents: 100 }), 400, 'VALIDATION_FAILED'],
      ['fee: recertification without a certification', () => app.post(`${path()}/fees`, { feeType: 'recertification', amountCents: 7500 }), 422, 'FEE_CERTIFICATION_REQUIRED'],
      ['fee: certification not held', () => app.post(`${path()}/fees`, { feeType: 'recertification', certification: 'CSPS', amountCents: 7500 }), 422, 'FEE_CERTIFICATION_NOT_HELD'],
      ['fee: late fee before the deadline', () => app.post(`${path()}/fees`, { feeType: 'late', amountCents: 3500 }), 422, 'LATE_FEE_NOT_DUE'],
      ['fee: paid in the future', () => app.post(`${path()}/fees`, { feeType: 'membership', amountCents: 100, paidOn: '2026-07-01' }), 422, 'FEE_PAID_ON_IN_FUTURE'],
      ['fee: unknown certificant', () => app.post(`/certificants/${unknown}/cycles/${CYCLE}/fees`, { feeType: 'membership', amountCents: 100 }), 404, 'CERTIFICANT_NOT_FOUND'],
      ['fee: unknown cycle', () => app.post(`/certificants/${cy.id}/cycles/1999-2001/fees`, { feeType: 'membership', amountCents: 100 }), 404, 'CYCLE_NOT_FOUND'],
      ['status: unknown certificant', () => app.get(`/certificants/${unknown}/cycles/${CYCLE}`), 404, 'CERTIFICANT_NOT_FOUND'],
      ['status: unknown cycle', () => app.get(`/certificants/${cy.id}/cycles/1999-2001`), 404, 'CYCLE_NOT_FOUND'],
    ] as const)('%s -> %i %s', async (_name, call, status, code) => {
      expectStatus(await call(), status, code);
    });

    it('recorded nothing for any of them', async () => {
      expect(await use.headPosition()).toEqual(head);
      expect(cscs(await use.status(cy)).ledger).toEqual(ledger);
    });

    it('refuses a viewer every command (403) and lets them read', async () => {
      const admin = app.token;
      try {
        await app.signIn(VIEWER);
        expectStatus(await app.post(`${path()}/activities`, activity), 403);
        expectStatus(await app.post(`${path()}/activities/preview`, activity), 403);
        expectStatus(await app.post(`${path()}/activities/${activityId}/withdraw`, { reason: 'r' }), 403);
        expectStatus(await app.post(`${path()}/fees`, { feeType: 'membership', amountCents: 100 }), 403);
        expectStatus(await app.get(path()), 200);
      } finally {
        app.token = admin;
      }
      expect(await use.headPosition()).toEqual(head);
    });
  });
});

describe('a certificant\'s cycle in the late window', () => {
  let app: TestApp;
  const use = driver(() => app);

  beforeAll(async () => {
    app = await TestApp.start({ RECERT_NOW: LATE_TODAY });
    await app.signIn(ADMIN);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('owes the late fee after the deadline, and is CompleteLate once it is paid', async () => {
    const dee = await use.certificant('Dee');
    expectStatus(await use.report(dee, { activityType: 'event-attendance', activityDate: '2025-04-01', title: 'Conference', hours: 20, reportedOn: '2026-11-01' }), 201);
    expectStatus(await use.report(dee, { activityType: 'event-attendance', activityDate: '2026-05-01', title: 'Symposium', hours: 20, reportedOn: '2026-11-01' }), 201);
    expectStatus(await use.report(dee, { activityType: 'college-course', activityDate: '2025-09-01', title: 'Physiology', creditHours: 4, creditSystem: 'semester' }), 201);
    expectStatus(await use.pay(dee, { feeType: 'recertification', certification: 'CSCS', amountCents: 7500 }), 201);
    const owing = cscs(await use.status(dee));
    expect(owing.appliedCeus).toBeGreaterThanOrEqual(6);
    expect(owing.lateFeeDue).toBe(true);
    expect(owing.lateFeePaid).toBe(false);
    expect(owing.status).not.toMatch(/^Complete/);
    expect(owing.blockers.map((b) => b.code)).toContain('LATE_FEE_MISSING');
    expectStatus(await use.pay(dee, { feeType: 'late', amountCents: 3500 }), 201);
    const late = cscs(await use.status(dee));
    expect(late).toMatchObject({ status: 'CompleteLate', lateFeeDue: true, lateFeePaid: true });
    expect(late.blockers.map((b) => b.code)).toEqual(['COMPLETED_LATE']);
  });

  it('refuses a report dated after today', async () => {
    const eve = await use.certificant('Eve');
    expectStatus(await use.report(eve, { activityType: 'first-aid', activityDate: '2025-04-01', title: 'First Aid', reportedOn: '2027-01-10' }), 201);
    expectStatus(await use.report(eve, { activityType: 'first-aid', activityDate: '2026-12-31', title: 'First Aid', reportedOn: '2027-02-01' }), 422, 'REPORTED_ON_IN_FUTURE');
  });
});
