import { ConsoleSession } from './console-harness';

/**
 * Issue 6.7 and 6.9 in Chromium: readiness and issuance of certificates, the public verification
 * page, and the admin's operations page. Business "today" is pinned after 2021-2023's late window
 * (as test/cycle-close-issue.e2e-spec.ts does); Ada completed that cycle on time.
 */
const CYCLE = '2021-2023';
const TODAY = '2024-02-10';
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

describe('console: certificates, verification and operations (issue 6.7, 6.9)', () => {
  let session: ConsoleSession;
  let adaId: string;
  let code: string;

  async function ok(answer: Promise<{ status: number; body: any }>, status: number): Promise<any> {
    const { status: got, body } = await answer;
    if (got !== status) throw new Error(`expected ${status}, got ${got}: ${JSON.stringify(body)}`);
    return body;
  }

  /** CSCS since 2019; 2021-2023 complete on time: 6.0 CEUs in two categories, CPR/AED, fee paid. */
  async function completer(firstName: string): Promise<{ id: string; position: number }> {
    const { app } = session;
    const { certificantId: id } = await ok(app.post('/certificants', { firstName, lastName: 'Lifter', email: `${firstName.toLowerCase()}@example.org` }), 201);
    await ok(app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2019-05-01' }), 201);
    await ok(app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-result.pdf'], receivedOn: '2019-05-10' }), 201);
    await ok(
      app.post(`/certificants/${id}/cpr-aed`, {
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
      { activityType: 'event-attendance', activityDate: '2022-03-05', title: 'Coaches conference', provider: 'Regional clinic', hours: 20 },
      { activityType: 'event-attendance', activityDate: '2022-09-10', title: 'Strength symposium', provider: 'State association', hours: 20 },
      { activityType: 'pre-approved-home-study', activityDate: '2023-02-01', title: 'Periodization course', provider: 'NSCA', ceus: 2 },
    ]) {
      await ok(app.post(`/certificants/${id}/cycles/${CYCLE}/activities`, { reportedOn: '2023-06-01', ...body }), 201);
    }
    const fee = await ok(app.post(`/certificants/${id}/cycles/${CYCLE}/fees`, { feeType: 'recertification', certification: 'CSCS', amountCents: 7500, paidOn: '2023-06-01' }), 201);
    return { id, position: fee.position };
  }

  beforeAll(async () => {
    session = await ConsoleSession.start({ RECERT_NOW: TODAY });
    await session.app.signIn();
    const ada = await completer('Ada');
    adaId = ada.id;
    // Readiness reads a projection: let it catch up with Ada's fee before the browser looks.
    const readiness = await ok(session.app.get(`/certificates/readiness?cycle=${CYCLE}&consistent=true`, { 'x-min-position': String(ada.position) }), 200);
    const ready = (readiness.items as { certificantId: string; ready: boolean }[]).some((item) => item.certificantId === adaId && item.ready);
    if (!ready) throw new Error(`Ada is not ready for a certificate: ${JSON.stringify(readiness.items)}`);
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('shows readiness with reasons, issues the certificates and follows the run to its codes', async () => {
    const { page } = session;
    await session.signIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
    await page.getByRole('heading', { name: 'Certificates', level: 1 }).waitFor();
    await page.getByLabel('Cycle', { exact: true }).selectOption(CYCLE);

    const readiness = page.getByRole('table', { name: `Readiness for ${CYCLE}` });
    const adaRow = readiness.getByRole('row').filter({ has: page.getByRole('link', { name: adaId.slice(0, 8) }) });
    await adaRow.getByText('Ready', { exact: true }).waitFor();
    await adaRow.getByText('Complete and not waiting on an audit.').waitFor();
    expect(await adaRow.getByRole('cell', { name: 'CSCS' }).count()).toBe(1);
    expect(await session.accessibilityViolations()).toEqual([]);

    await page.getByRole('button', { name: `Issue certificates for ${CYCLE}` }).click();
    const run = page.getByRole('region', { name: `Issuance run for ${CYCLE}` });
    await run.getByText('Finished', { exact: true }).waitFor();
    await run.getByText('1 of 1 ready certifications handled: 1 certificate issued, 0 refused.').waitFor();
    expect(new URL(page.url()).searchParams.get('run')).toEqual(expect.any(String));

    const issued = page.getByRole('table', { name: 'Certificates issued' });
    const link = issued.getByRole('row').filter({ has: page.getByRole('cell', { name: 'CSCS' }) }).getByRole('link').last();
    code = (await link.textContent()) ?? '';
    expect(code).toMatch(CODE);
    expect(await link.getAttribute('href')).toBe(`/verify/${code}`);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('certificates');

    // Issuing again issues nothing new: the stream's guard (D7.2).
    await page.getByRole('button', { name: `Issue certificates for ${CYCLE}` }).click();
    await run.getByText('Every ready certification already had its certificate.').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('verifies an issued code for anyone, signed out, and says so for an unknown code', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();

    // The certificates read model answers verification: let it catch up with the issuance.
    await ok(session.app.get(`/certificates/verify/${code}?consistent=true`), 200);
    await session.goto(`/verify/${code}`);
    await page.getByRole('heading', { name: 'A valid certificate' }).waitFor();
    const certificate = page.getByRole('table', { name: 'Certificate' });
    expect(await certificate.getByRole('row', { name: /Holder/ }).textContent()).toContain('Ada Lifter');
    expect(await certificate.getByRole('row', { name: /Certification/ }).textContent()).toContain('CSCS');
    expect(await certificate.getByRole('row', { name: /Valid through/ }).textContent()).toContain('2026-12-31');
    expect(await page.getByText('Valid', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe(`/verify/${code}`);
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('verify');

    await page.getByLabel('Verification code').fill(' 0000-0000-00 ');
    await page.getByRole('button', { name: 'Verify' }).click();
    const unknown = page.getByRole('alert').filter({ hasText: 'No such certificate' });
    await unknown.waitFor();
    expect(await unknown.textContent()).toContain('No certificate has the code 0000-0000-00.');
    expect(new URL(page.url()).pathname).toBe('/verify/0000-0000-00');
    expect(await session.accessibilityViolations()).toEqual([]);
  });

  it('lists the projections and adds a staff account with a role for the admin', async () => {
    const { page } = session;
    await session.signIn();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations', level: 1 }).waitFor();

    const projections = page.getByRole('table', { name: 'Projections' });
    await projections.getByRole('button', { name: /^Rebuild / }).first().waitFor();
    const names = await ok(session.app.get('/projections'), 200);
    expect(names.items.length).toBeGreaterThan(0);
    for (const { name } of names.items as { name: string }[]) await projections.getByRole('button', { name: `Rebuild ${name}` }).waitFor();
    expect(await page.getByRole('link', { name: 'Queue dashboard' }).getAttribute('href')).toBe('/admin/queues');

    // A refusal sits next to the field it concerns.
    await page.getByLabel('Name', { exact: true }).fill('Aud Itor');
    await page.getByLabel('Email', { exact: true }).fill('auditor@recert.test');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('checkbox', { name: 'Staff' }).uncheck();
    await page.getByRole('checkbox', { name: 'Auditor' }).check();
    await page.getByRole('button', { name: 'Create staff account' }).click();
    await page.getByText('password must be at least 12 characters long.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill('an auditor password 123');
    await page.getByRole('button', { name: 'Create staff account' }).click();
    const row = page.getByRole('table', { name: 'Staff accounts' }).getByRole('row').filter({ hasText: 'auditor@recert.test' });
    await row.getByText('Aud Itor').waitFor();
    expect(await row.getByText('auditor', { exact: true }).count()).toBe(1);
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('');
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('operations');

    // The same email again is refused beside the email field.
    await page.getByLabel('Name', { exact: true }).fill('Aud Again');
    await page.getByLabel('Email', { exact: true }).fill('auditor@recert.test');
    await page.getByLabel('Password', { exact: true }).fill('an auditor password 123');
    await page.getByRole('button', { name: 'Create staff account' }).click();
    await page.getByText('There is already a staff account for auditor@recert.test.').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('tells a viewer operations are not for them and shows no issue button', async () => {
    const { page } = session;
    await ok(session.app.post('/staff', { email: 'viewer@recert.test', name: 'Vera Viewer', roles: ['viewer'], password: 'a viewer password 123' }), 201);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();
    await session.signIn({ email: 'viewer@recert.test', password: 'a viewer password 123' });
    await session.goto('/operations');
    await page.getByRole('alert').filter({ hasText: 'Not allowed' }).waitFor();
    expect(await page.getByRole('table', { name: 'Projections' }).count()).toBe(0);

    await session.goto(`/certificates?cycle=${CYCLE}`);
    await page.getByRole('table', { name: `Readiness for ${CYCLE}` }).waitFor();
    expect(await page.getByRole('button', { name: /Issue certificates/ }).count()).toBe(0);
    expect(await session.accessibilityViolations()).toEqual([]);
  });
});
