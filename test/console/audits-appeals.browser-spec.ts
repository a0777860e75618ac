import type { Answer } from '../support/app-harness';
import { ConsoleSession } from './console-harness';

/**
 * Issue 6 items 5 and 6 in Chromium: an auditor draws with a seed, works the case (documents,
 * verdicts, close) and sees the outcome; an appeal against that audit is filed, refused to the
 * auditor who closed the audit (D6.4), and granted by another committee member. Business "today"
 * is pinned inside the 2021-2023 audit and appeal windows.
 */
const CYCLE = '2021-2023';
const COMMITTEE = {
  email: 'committee@recert.test',
  password: 'committee password 1234',
};
const ACTIVITIES = ['Coaches conference', 'Strength symposium', 'Periodization course'];

function expectStatus(answer: Answer, status: number): void {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Polls the API until `done` holds, with a bound (await progress, never a fixed sleep). */
async function eventually(read: () => Promise<Answer>, done: (body: any) => boolean, timeoutMs = 10_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (answer.status === 200 && done(answer.body)) return answer.body;
    if (Date.now() > until) throw new Error(`the API did not catch up: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let session: ConsoleSession;

describe('console: audits and appeals (issue 6.5, 6.6)', () => {
  const names = new Map<string, string>();
  let auditedName = '';
  let auditUrl = '';
  let appealUrl = '';

  /** A certificant who earned CSCS in 2019 and completed 2021-2023 on time: 6.0 CEUs in two categories, fee paid. */
  async function completer(firstName: string): Promise<void> {
    const { app } = session;
    const registered = await app.post('/certificants', {
      firstName,
      lastName: 'Lifter',
      email: `${firstName.toLowerCase()}@example.org`,
    });
    expectStatus(registered, 201);
    const id: string = registered.body.certificantId;
    names.set(id, `${firstName} Lifter`);
    expectStatus(
      await app.post(`/certificants/${id}/certifications`, {
        certification: 'CSCS',
        earnedOn: '2019-05-01',
      }),
      201,
    );
    expectStatus(
      await app.post(`/certificants/${id}/certifications/CSCS/documents`, {
        documents: ['exam-result.pdf'],
        receivedOn: '2019-05-10',
      }),
      201,
    );
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
    for (const body of [
      {
        activityType: 'event-attendance',
        activityDate: '2022-03-05',
        title: ACTIVITIES[0],
        provider: 'Regional clinic',
        hours: 20,
      },
      {
        activityType: 'event-attendance',
        activityDate: '2022-09-10',
        title: ACTIVITIES[1],
        provider: 'State association',
        hours: 20,
      },
      {
        activityType: 'pre-approved-home-study',
        activityDate: '2023-02-01',
        title: ACTIVITIES[2],
        provider: 'NSCA',
        ceus: 2,
      },
    ]) {
      expectStatus(
        await app.post(`/certificants/${id}/cycles/${CYCLE}/activities`, {
          reportedOn: '2023-06-01',
          ...body,
        }),
        201,
      );
    }
    expectStatus(
      await app.post(`/certificants/${id}/cycles/${CYCLE}/fees`, {
        feeType: 'recertification',
        certification: 'CSCS',
        amountCents: 7500,
        paidOn: '2023-06-01',
      }),
      201,
    );
  }

  beforeAll(async () => {
    session = await ConsoleSession.start({ RECERT_NOW: '2024-02-10' });
    await session.app.signIn();
    expectStatus(
      await session.app.post('/staff', {
        ...COMMITTEE,
        name: 'Carla Committee',
        roles: ['committee'],
      }),
      201,
    );
    for (const name of ['Ada', 'Bo', 'Cy']) await completer(name);
    // The draw reads who completed from the cycle-status read model: wait until it holds all three.
    expectStatus(await session.app.get(`/certificates/readiness?cycle=${CYCLE}&consistent=true`), 200);
    await session.signIn();
  }, 90_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('draws for audit with a seed and shows who was selected', async () => {
    const { page } = session;
    await session.goto('/audits');
    const form = page.getByRole('form', { name: 'Draw for audit' });
    await form.getByLabel('Cycle').selectOption(CYCLE);
    await form.getByLabel('How many to draw').fill('1');
    await form.getByLabel('Seed').fill('committee 2024-02-10');
    await form.getByRole('button', { name: 'Draw' }).click();
    await page.getByText('1 selected of 3 who completed', { exact: false }).waitFor();

    const queue = await eventually(
      () => session.app.get(`/audits?cycle=${CYCLE}&consistent=true`),
      (body) => body.items.length > 0,
    );
    auditedName = names.get(queue.items[0].certificantId)!;
    expect(auditedName).toBeDefined();
    const selected = page.getByRole('table', { name: 'Selected for audit' });
    await selected.getByRole('link', { name: auditedName }).waitFor();

    const queueTable = page.getByRole('table', { name: 'Audit queue' });
    await queueTable.getByRole('cell', { name: auditedName, exact: true }).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('audits');
  });

  it('filters the queue by status', async () => {
    const { page } = session;
    const queue = page.getByRole('region', { name: 'Audit queue' });
    await queue.getByLabel('Status').selectOption('passed');
    await page.getByText('No audits match these filters.').waitFor();
    await queue.getByLabel('Status').selectOption('open');
    await page.getByRole('table', { name: 'Audit queue' }).getByRole('cell', { name: auditedName, exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('open');
  });

  it('works the case: documents, a refused and a given rejection, acceptances, close, the outcome', async () => {
    const { page } = session;
    await page.getByRole('link', { name: `Open case: ${auditedName}, ${CYCLE}` }).click();
    await page.getByRole('heading', { level: 1, name: `Audit of ${auditedName}` }).waitFor();
    auditUrl = new URL(page.url()).pathname;
    expect(auditUrl).toMatch(/^\/audits\/[\w-]+$/);
    await page.getByRole('link', { name: auditedName }).waitFor();
    const activities = page.getByRole('table', {
      name: 'Activities under audit',
    });
    for (const title of ACTIVITIES) await activities.getByText(title).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);

    // Closing before any verdict is refused with the API's sentence.
    await page.getByRole('button', { name: 'Close audit' }).click();
    await page.getByRole('alert').filter({ hasText: 'have no verdict yet' }).waitFor();

    const documentForm = page.getByRole('form', {
      name: 'Record a received document',
    });
    for (const [index, title] of ACTIVITIES.entries()) {
      await documentForm.getByLabel('Document for').selectOption({
        label: `${title} (${['2022-03-05', '2022-09-10', '2023-02-01'][index]})`,
      });
      await documentForm.getByLabel('Filed at (reference)').fill(`DMS-${index + 1}`);
      await documentForm.getByLabel('Received on').fill('2024-02-12');
      await documentForm.getByRole('button', { name: 'Record document' }).click();
      await page
        .getByRole('table', { name: 'Documents received' })
        .getByRole('cell', { name: `DMS-${index + 1}` })
        .waitFor();
    }
    await documentForm.getByLabel('Document for').selectOption({ label: 'The CPR/AED card' });
    await documentForm.getByLabel('Filed at (reference)').fill('DMS-card');
    await documentForm.getByRole('button', { name: 'Record document' }).click();
    await page.getByRole('table', { name: 'Documents received' }).getByRole('cell', { name: 'DMS-card' }).waitFor();
    await page.getByText('Asked for, received').waitFor();

    // A rejection without a reason: the API's sentence next to the reason.
    await page.getByRole('button', { name: `Reject ${ACTIVITIES[0]}` }).click();
    const reason = page.getByLabel(`Why is “${ACTIVITIES[0]}” rejected?`);
    await page.getByRole('button', { name: 'Reject activity' }).click();
    await page.getByText('Say why the activity is rejected (out of scope, unsupported, ...).').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await reason.fill('The certificate names another person');
    await page.getByRole('button', { name: 'Reject activity' }).click();
    await activities.getByText('rejected', { exact: true }).waitFor();

    for (const title of ACTIVITIES.slice(1)) {
      await page.getByRole('button', { name: `Accept ${title}` }).click();
      await page.getByRole('button', { name: `Accept ${title}` }).waitFor({ state: 'detached' });
    }
    expect(await activities.getByText('accepted', { exact: true }).count()).toBe(2);

    await page.getByRole('button', { name: 'Close audit' }).click();
    await page.getByRole('status').filter({ hasText: 'Outcome: failed' }).waitFor();
    await page
      .getByText('CSCS is no longer complete after the rejected activities', {
        exact: false,
      })
      .waitFor();
    await page.getByRole('button', { name: 'Close audit' }).waitFor({ state: 'detached' });
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('audit-case');
  });

  it('shows the verdict reasons and why the audit failed after a reload (console gap 2)', async () => {
    const { page } = session;
    await session.goto(auditUrl);
    await page.getByRole('heading', { level: 1, name: `Audit of ${auditedName}` }).waitFor();
    const activities = page.getByRole('table', { name: 'Activities under audit' });
    await activities.getByText('The certificate names another person').waitFor();
    await page.getByText('Outcome: failed').waitFor();
    await page.getByText('CSCS is no longer complete after the rejected activities', { exact: false }).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);
  });

  it('files an appeal against the audit from the appeals page', async () => {
    const { page } = session;
    await session.goto('/appeals');
    await page.getByRole('heading', { level: 1, name: 'Appeals' }).waitFor();
    await page.getByRole('button', { name: 'File an appeal' }).click();
    const form = page.getByRole('form', { name: 'File an appeal' });
    await form.getByLabel('Certificant', { exact: true }).fill(auditedName.split(' ')[0]!);
    await page.getByRole('option', { name: new RegExp(auditedName) }).click();
    await form.getByLabel('Cycle').selectOption(CYCLE);
    await form.getByLabel('Grounds').selectOption('illness');
    await form.getByLabel('Statement').fill('The certificate was misprinted by the provider.');
    // Outside the window (Feb 1 - Mar 15 after the deadline): the API's sentence next to the date.
    await form.getByLabel('Filed on').fill('2024-03-20');
    await form.getByRole('button', { name: 'File appeal' }).click();
    await form.getByText('Appeals for 2021-2023 are accepted from 2024-02-01 to 2024-03-15.').waitFor();
    expect(await form.getByLabel('Filed on').getAttribute('aria-invalid')).toBe('true');
    expect(await session.accessibilityViolations()).toEqual([]);
    await form.getByLabel('Filed on').fill('');
    await form.getByRole('button', { name: 'File appeal' }).click();
    await page.getByRole('heading', { level: 1, name: `Appeal of ${auditedName}` }).waitFor();
    appealUrl = new URL(page.url()).pathname;
    await page.getByText('Serious illness', { exact: true }).waitFor();
    expect(appealUrl).toMatch(/^\/appeals\/[\w-]+$/);
  });

  it('reads the statement, grounds and filing date from the appeal alone, after a reload (console gap 1)', async () => {
    const { page } = session;
    const asked: string[] = [];
    const listen = (request: { url: () => string }) => asked.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await session.goto(appealUrl);
    await page.getByRole('heading', { level: 1, name: `Appeal of ${auditedName}` }).waitFor();
    await page.getByText('The certificate was misprinted by the provider.').waitFor();
    await page.getByText('Serious illness', { exact: true }).waitFor();
    await page.getByText('2024-02-10', { exact: true }).first().waitFor();
    page.off('request', listen);
    expect(asked.filter((path) => path === '/api/v1/appeals')).toEqual([]);
  });

  it('adds a document and refuses the decision to the auditor who closed the audit (D6.4)', async () => {
    const { page } = session;
    const documents = page.getByRole('form', { name: 'Add a document' });
    await documents.getByLabel('Kind of document').fill('provider-letter');
    await documents.getByLabel('Filed at (reference)').fill('DMS-letter');
    await documents.getByRole('button', { name: 'Add document' }).click();
    await page.getByRole('table', { name: 'Documents' }).getByRole('cell', { name: 'DMS-letter' }).waitFor();

    const decision = page.getByRole('region', {
      name: "The committee's decision",
    });
    await decision.getByRole('radio', { name: 'Grant' }).check();
    await decision.getByRole('radio', { name: /Reinstatement/ }).check();
    await decision.getByLabel('Rationale').fill('Misprint confirmed by the provider.');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    const refused = page.getByRole('alert').filter({
      hasText: 'You made the decision this appeal is against; another member of the Certification Committee must decide it.',
    });
    await refused.waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);
    expect(await page.getByText('Decision: granted').count()).toBe(0);
  });

  it('another committee member grants reinstatement with a rationale and sees the decision', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();
    await session.signIn(COMMITTEE);
    await session.goto(appealUrl);
    await page.getByRole('heading', { level: 1, name: `Appeal of ${auditedName}` }).waitFor();
    await page.getByRole('link', { name: 'The audit' }).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);

    const decision = page.getByRole('region', {
      name: "The committee's decision",
    });
    await decision.getByRole('radio', { name: 'Grant' }).check();
    // An extension must run past the decision: the API's sentence next to the date.
    await decision.getByRole('radio', { name: 'Extension until a date' }).check();
    await decision.getByLabel('Extended until').fill('2024-01-01');
    await decision.getByLabel('Rationale').fill('Misprint confirmed by the provider.');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await page
      .getByText('An extension runs to a date after the decision', {
        exact: false,
      })
      .waitFor();

    await decision.getByRole('radio', { name: /Reinstatement/ }).check();
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision: granted').waitFor();
    await page.getByText('Rationale: Misprint confirmed by the provider.').waitFor();
    await page
      .getByText('Reinstatement. Decided on 2024-02-10 by you.', {
        exact: false,
      })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Record decision' }).count()).toBe(0);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('appeal-case');
  });

  it('lists the decided appeal in the queue, filtered by status, naming the certificant without a read per row (console gap 3)', async () => {
    const { page } = session;
    const asked: string[] = [];
    const listen = (request: { url: () => string }) => asked.push(new URL(request.url()).pathname);
    page.on('request', listen);
    await session.goto('/appeals?status=granted');
    const queue = page.getByRole('table', { name: 'Appeals queue' });
    await queue.getByRole('cell', { name: auditedName, exact: true }).waitFor();
    await queue.getByRole('cell', { name: 'Reinstatement, 2024-02-10' }).waitFor();
    page.off('request', listen);
    expect(asked.filter((path) => path.startsWith('/api/v1/certificants/'))).toEqual([]);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('appeals');
    expect(session.pageErrors).toEqual([]);
  });

  it("shows the certificant's appeal on their page, read with the certificant filter (console gap 6)", async () => {
    const { page } = session;
    const certificantId = [...names].find(([, name]) => name === auditedName)![0];
    const asked: string[] = [];
    const listen = (request: { url: () => string }) => asked.push(request.url());
    page.on('request', listen);
    await session.goto(`/certificants/${certificantId}?cycle=${CYCLE}`);
    await page.getByRole('heading', { level: 1, name: auditedName }).waitFor();
    await page.getByText('Appeal filed 2024-02-10 on grounds of illness', { exact: false }).waitFor();
    page.off('request', listen);
    expect(asked.some((url) => new URL(url).pathname === '/api/v1/appeals' && new URL(url).searchParams.get('certificantId') === certificantId)).toBe(true);
  });
});
