import type { Locator } from 'playwright-core';
import type { Answer } from '../support/app-harness';
import { ConsoleSession } from './console-harness';

/**
 * Issue 6.3 in Chromium: find a certificant by name, open their page, report an activity (the
 * preview's CEUs first), see the applied CEUs change, and see a refusal next to the field it
 * concerns. Business "today" is pinned inside 2024-2026.
 */
const TODAY = '2026-06-15';

/** The sentences a field's aria-describedby points to (Mantine puts the field's error there). */
async function describedBy(field: Locator): Promise<string> {
  return field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** The body of an answer with the expected status; anything else stops the arrangement with the API's answer. */
function created(answer: Answer, status: number): any {
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

describe('console: certificants (issue 6.3)', () => {
  let session: ConsoleSession;
  let certificantId: string;

  beforeAll(async () => {
    session = await ConsoleSession.start({ RECERT_NOW: TODAY });
    const app = session.app;
    await app.signIn();
    const registered = await app.post('/certificants', { firstName: 'Ada', lastName: 'Quillfeather', email: 'ada.quillfeather@example.org', memberId: 'M-004711' });
    certificantId = created(registered, 201).certificantId;
    // CSCS earned in the cycle's first year: 4.0 CEUs required, activities count from the earned date (D2.2, D3.1).
    created(await app.post(`/certificants/${certificantId}/certifications`, { certification: 'CSCS', earnedOn: '2024-06-01' }), 201);
    const documents = created(await app.post(`/certificants/${certificantId}/certifications/CSCS/documents`, { documents: ['exam-score-report.pdf'] }), 201);
    // The search reads a projection: wait until it holds the last write.
    const found = created(await app.get('/certificants?q=quillfeather&consistent=true', { 'x-min-position': String(documents.position) }), 200);
    if (found.items.length !== 1) throw new Error(`the search did not find the certificant: ${JSON.stringify(found)}`);
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('finds a certificant by name in the search', async () => {
    await session.signIn();
    await session.goto('/certificants');
    await session.page.getByRole('heading', { name: 'Certificants', level: 1 }).waitFor();
    await session.page.getByRole('textbox', { name: /^Search/ }).fill('Quillfeather');
    // The typed words become the page's search (and the API's `q`) once typing pauses.
    await session.page.waitForURL((url) => url.searchParams.get('q') === 'Quillfeather');
    const link = session.page.getByRole('table', { name: 'Certificants found' }).getByRole('link', { name: 'Ada Quillfeather' });
    await link.waitFor();
    expect(await session.page.getByRole('table', { name: 'Certificants found' }).getByRole('row').count()).toBe(2);
    await session.screenshot('certificants');
    const violations = await session.accessibilityViolations();
    await link.click();
    await session.page.getByRole('heading', { name: 'Ada Quillfeather', level: 1 }).waitFor();
    expect(new URL(session.page.url()).pathname).toBe(`/certificants/${certificantId}`);
    expect(violations).toEqual([]);
  });

  it('reports an activity: previews its CEUs, saves it, and shows the applied CEUs change', async () => {
    const page = session.page;
    await page.getByText('0.0 of 4.0 CEUs applied').waitFor();
    await page.getByRole('button', { name: 'Report activity' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Report an activity for Ada Quillfeather',
    });
    await dialog.waitFor();
    // Console gap 5: the types and what each is worth come from the cycle's catalogue (GET /cycles/:cycle/activity-types).
    await dialog.getByText('Category A: 0.1 CEU per hour in scope; at most 2.0 per item').waitFor();
    await dialog.getByLabel(/^Activity date/).fill('2025-03-14');
    await dialog.getByLabel(/^Title/).fill('NSCA Coaches Conference');
    await dialog.getByRole('textbox', { name: 'Hours', exact: true }).fill('8');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.getByRole('heading', { name: 'Preview: 0.8 CEU in category A' }).waitFor();
    expect(await preview.textContent()).toContain('applied 0.0 → 0.8 of 4.0 CEUs');
    const dialogViolations = await session.accessibilityViolations();
    await dialog.getByRole('button', { name: 'Save activity' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('0.8 of 4.0 CEUs applied').waitFor();
    const ledger = page.getByRole('table', { name: 'CSCS activity ledger' });
    // Console gap 4: the ledger names the activity by the title it was reported with.
    await ledger.getByRole('row', { name: /NSCA Coaches Conference Event attendance 2025-03-14 A 0\.8 0\.8/ }).waitFor();
    // The timeline tells what happened, including the report just made.
    await page.getByRole('table', { name: 'Event timeline' }).getByText('Activity reported').waitFor();
    expect(dialogViolations).toEqual([]);
  });

  it("shows the API's refusals next to the fields they concern", async () => {
    const page = session.page;
    await page.getByRole('button', { name: 'Report activity' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report an activity for Ada Quillfeather' });
    await dialog.waitFor();
    const date = dialog.getByLabel(/^Activity date/);
    const hours = dialog.getByRole('textbox', { name: 'Hours', exact: true });
    await date.fill('2024-03-01');
    await dialog.getByLabel(/^Title/).fill('A clinic before the CSCS was earned');
    // A bad value: the API's validation sentence, next to the field it names.
    await hours.fill('-1');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByText('hours must not be less than 0').waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(hours)).toContain('hours must not be less than 0');
    // A rule: the preview says it counts for nothing; saving is refused, next to the date.
    await hours.fill('2');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('region', { name: 'Preview' }).getByText('Counts for no certification held.').waitFor();
    await dialog.getByRole('button', { name: 'Save activity' }).click();
    await dialog.getByText(/activity before a certification was earned never counts for it/).waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(date)).toContain('is before every certification held counts');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await session.screenshot('certificant');
    expect(session.pageErrors).toEqual([]);
    expect(await session.accessibilityViolations()).toEqual([]);
  });

  it('records the recertification fee and merges a duplicate account found by search', async () => {
    const app = session.app;
    const duplicate = created(await app.post('/certificants', { firstName: 'Ada', lastName: 'Quilfeather', email: 'ada.dup@example.net' }), 201);
    created(await app.get('/certificants?q=ada.dup&consistent=true', { 'x-min-position': String(duplicate.position) }), 200);
    const page = session.page;
    await session.goto(`/certificants/${certificantId}`);
    await page.getByRole('heading', { name: 'Ada Quillfeather', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Record fee' }).click();
    const fee = page.getByRole('dialog', { name: 'Record a fee for 2024-2026' });
    await fee.getByRole('textbox', { name: /^Amount/ }).fill('75');
    await fee.getByRole('button', { name: 'Record fee' }).click();
    await fee.waitFor({ state: 'detached' });
    await page.getByText('Recertification fee: paid').waitFor();

    await page.getByRole('button', { name: 'Merge a duplicate' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge a duplicate account into Ada Quillfeather' });
    await merge.getByRole('textbox', { name: /^Find the duplicate/ }).fill('ada.dup');
    await merge.getByRole('radio', { name: /Ada Quilfeather · ada\.dup@example\.net/ }).check();
    await merge.getByRole('button', { name: 'Continue' }).click();
    await merge.getByText('will be merged into Ada Quillfeather').waitFor();
    await merge.getByRole('button', { name: 'Merge accounts' }).click();
    await merge.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'Profile' }).getByText('1 duplicate account').waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
