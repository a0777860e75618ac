import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Answer, TestApp } from '../support/app-harness';
import { ConsoleSession } from './console-harness';

/**
 * Issue 6 items 2, 4 and 8 in Chromium: a CSV import uploaded through the console (preview, dry
 * run, the real run with exact counts and refused rows with their reasons, the refusals as a CSV),
 * a report run with its table, chart and CSV link, and the dashboard's counts and health.
 */

interface Person {
  id: string;
  email: string;
  memberId: string;
}

function expectStatus(answer: Answer, status: number): void {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Polls `read` until `done` holds (the read models catch up asynchronously). */
async function until(read: () => Promise<Answer>, done: (answer: Answer) => boolean, timeoutMs = 20_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await read();
    if (done(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A CSCS holder the import can find by member id or email (in the search read model). */
async function certificant(app: TestApp, name: string): Promise<Person> {
  const email = `${name.toLowerCase()}-${randomUUID()}@example.org`;
  const memberId = `M-${randomBytes(4).toString('hex')}`;
  const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email, memberId });
  expectStatus(registered, 201);
  const id: string = registered.body.certificantId;
  expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2022-05-01' }), 201);
  const documents = await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-score-report.pdf'] });
  expectStatus(documents, 201);
  await until(
    () => app.get(`/certificants?q=${encodeURIComponent(email)}&consistent=true`, { 'x-min-position': String(documents.body.position) }),
    (a) => a.status === 200 && Array.isArray(a.body.items) && a.body.items.length === 1,
  );
  return { id, email, memberId };
}

describe('console: dashboard, imports and reports (issue 6.2, 6.4, 6.8)', () => {
  let session: ConsoleSession;
  let dir: string;
  let csvPath: string;
  let importUrl: string;

  beforeAll(async () => {
    session = await ConsoleSession.start();
    await session.app.signIn();
    const ann = await certificant(session.app, 'Ann');
    const bob = await certificant(session.app, 'Bob');
    const appeal = await session.app.post('/appeals', { certificantId: ann.id, cycle: '2021-2023', grounds: 'illness', statement: 'In hospital through the deadline.', filedOn: '2024-02-10' });
    expectStatus(appeal, 201);
    await until(
      () => session.app.get('/appeals?status=filed'),
      (a) => a.status === 200 && a.body.items.length === 1,
    );
    dir = await mkdtemp(join(tmpdir(), 'recert-console-import-'));
    csvPath = join(dir, 'attendance.csv');
    await writeFile(
      csvPath,
      [
        'memberId,email,activityDate,title,provider,hours,externalRef',
        `${ann.memberId},,2025-02-10,Conference A,NSCA,3,EV-1`,
        `,${bob.email},2025-04-01,"Clinic, hands-on",NSCA,2,EV-2`,
        'M-nobody,,2025-04-03,Clinic,NSCA,2,EV-3',
        `${ann.memberId},,2025-04-05,Clinic,NSCA,three,EV-4`,
        `${ann.memberId},,2025-04-06,Conference A again,NSCA,3,EV-1`,
        '',
      ].join('\n'),
    );
    await session.signIn();
  }, 90_000);

  afterAll(async () => {
    await session?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('previews a CSV, dry-runs it without recording, then imports it with exact counts and the refused rows', async () => {
    const { page } = session;
    await session.goto('/imports');
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.getByLabel('Kind').selectOption('event-attendance');
    await page.getByLabel('CSV file').setInputFiles(csvPath);

    const preview = page.getByRole('table', { name: 'First rows of attendance.csv' });
    await preview.waitFor();
    expect(await preview.getByRole('row').count()).toBe(6); // the header and five rows
    await preview.getByRole('cell', { name: 'Clinic, hands-on' }).waitFor();
    await page.getByText('The header has the columns this kind needs.').waitFor();

    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run: nothing was recorded' }).waitFor();
    const dry = page.getByRole('table', { name: 'Dry run outcome' });
    await dry.getByRole('row', { name: 'Accepted 2', exact: true }).waitFor();
    await dry.getByRole('row', { name: 'Duplicates 1', exact: true }).waitFor();
    await dry.getByRole('row', { name: 'Refused 2', exact: true }).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('imports');

    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('heading', { name: 'Import', exact: true, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
    importUrl = new URL(page.url()).pathname;
    await page.getByText('Completed', { exact: true }).waitFor();
    await page.getByText('5 of 5 rows processed').waitFor();
    const outcome = page.getByRole('table', { name: 'Import outcome' });
    await outcome.getByRole('row', { name: 'Accepted 2', exact: true }).waitFor();
    await outcome.getByRole('row', { name: 'Duplicates 1', exact: true }).waitFor();
    await outcome.getByRole('row', { name: 'Refused 2', exact: true }).waitFor();

    const refused = page.getByRole('table', { name: 'Refused rows' });
    const unknown = refused.getByRole('row').filter({ hasText: 'CERTIFICANT_UNKNOWN' });
    await unknown.waitFor();
    expect(await unknown.innerText()).toMatch(/^3\s+CERTIFICANT_UNKNOWN\s+No certificant has the memberId M-nobody\.$/);
    const malformed = refused.getByRole('row').filter({ hasText: 'IMPORT_ROW_MALFORMED' });
    expect(await malformed.innerText()).toContain('hours "three" is not a number');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download refused rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('attendance-refused.csv');
    const saved = await download.path();
    const csv = await readFile(saved, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('row,code,message');
    expect(csv).toContain('3,CERTIFICANT_UNKNOWN,No certificant has the memberId M-nobody.');
    expect(csv).toContain('4,IMPORT_ROW_MALFORMED,');

    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('import-result');
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps a dry run of 2,000 refused rows quick: the refused rows are windowed, not all drawn', async () => {
    const { page } = session;
    const big = join(dir, 'big.csv');
    const lines = ['memberId,activityDate,title,provider,hours,externalRef'];
    for (let i = 1; i <= 2_000; i++) lines.push(`M-none-${i},2025-03-01,Clinic ${i},NSCA,1,BIG-${i}`);
    await writeFile(big, `${lines.join('\n')}\n`);
    await session.goto('/imports');
    await page.getByLabel('CSV file').setInputFiles(big);
    await page.getByText('Showing the first 20 rows; more follow.').waitFor();
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Refused rows (2,000)' }).waitFor();
    const drawn = await page.getByRole('table', { name: 'Refused rows' }).locator('tbody tr:not([aria-hidden])').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    const region = page.getByRole('region', { name: 'Refused rows' });
    await region.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await region.getByRole('cell', { name: 'No certificant has the memberId M-none-2000.' }).waitFor();
  });

  it('reverts the import with a reason', async () => {
    const { page } = session;
    await session.goto(importUrl);
    await page.getByText('Completed', { exact: true }).waitFor();
    await page.getByLabel('Reason').fill('Uploaded the wrong month');
    await page.getByRole('button', { name: 'Revert import' }).click();
    await page.getByText('Reverted', { exact: true }).waitFor();
    await page.getByText('This import was reverted').waitFor();
    const told = await session.app.get(`/imports/${importUrl.split('/').pop() ?? ''}`);
    expect(told.body).toMatchObject({ status: 'reverted', acceptedRows: 2 });
  });

  it('runs a cycle-completion report: progress, then its table, chart and CSV link', async () => {
    const { page } = session;
    await session.goto('/reports');
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByLabel('Report', { exact: true }).selectOption('cycle-completion');
    await page.getByLabel('Cycle', { exact: true }).selectOption('2024-2026');
    await page.getByRole('button', { name: 'Run report' }).click();
    await page.getByText('Done', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('report')).toMatch(/^[0-9a-f-]{36}$/);

    const rows = page.getByRole('table', { name: 'Report rows' });
    const cscs = rows.getByRole('row').filter({ hasText: 'CSCS' });
    await cscs.waitFor();
    expect(await cscs.innerText()).toMatch(/^2024-2026\s+CSCS\s+2\s/);
    await page.getByRole('figure', { name: 'Report chart' }).waitFor();
    await page.getByRole('table', { name: 'Report summary' }).waitFor();

    const link = page.getByRole('link', { name: 'Download CSV' });
    await link.waitFor();
    expect(await link.getAttribute('download')).toMatch(/^cycle-completion-2024-2026-as-of-\d{4}-\d{2}-\d{2}\.csv$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('CSCS');

    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('reports');
  });

  it('shows the deadline, completion by certification and status, the counts and projection health', async () => {
    const { page } = session;
    await session.goto('/');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Days to the deadline' }).getByText(/the deadline is December 31, \d{4}/).waitFor();
    const completion = page.getByRole('table', { name: 'Completion by certification and status' });
    const cscs = completion.getByRole('row').filter({ hasText: 'CSCS' });
    await cscs.waitFor();
    expect(await cscs.innerText()).toMatch(/^CSCS\s+2\s+0 of 2/);
    for (const [card, count] of [
      ['Open audits', '0'],
      ['Open appeals', '1'],
      ['Running imports', '0'],
    ] as const) {
      await page.getByRole('region', { name: card }).getByText(count, { exact: true }).waitFor();
    }
    await page.getByRole('region', { name: 'Running imports' }).getByText('Of the 1 started in this browser session', { exact: false }).waitFor();
    const projections = page.getByRole('table', { name: 'Projections' });
    await projections.getByRole('row').nth(1).waitFor();
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('dashboard');
    expect(session.pageErrors).toEqual([]);
  });
});
