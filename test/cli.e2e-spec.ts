import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../apps/cli/src/run-cli';
import { ADMIN, TestApp } from './support/app-harness';
import { complete2021to2023, eventually, expectStatus } from './support/http-expect';

/**
 * Issue 5 item 8: the operators' CLI, run in this process against the running app over HTTP
 * (it is a client of the API like any other). Each command's exit code tells success (0) from a
 * failure of the work (1), bad usage or input (2) and an API out of reach or a refused sign-in
 * (3). Business "today" is 2024-02-10: 2021-2023 is over (it can be closed, expired and its
 * certificates issued) and CEUs dated 2024 are imported into 2024-2026.
 */
jest.setTimeout(60_000);

const TODAY = '2024-02-10';
const PAST = '2021-2023';
const CURRENT = '2024-2026';

let app: TestApp;
let dir: string;
let adaId: string;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** `recert <argv>` against the test app, signed in as the first admin through the environment. */
async function cli(argv: string[], env: Record<string, string> = {}): Promise<Ran> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { RECERT_URL: app.url, RECERT_ADMIN_EMAIL: ADMIN.email, RECERT_ADMIN_PASSWORD: ADMIN.password, RECERT_POLL_MS: '25', ...env },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** CSCS since 2019 with its documents; `complete`: 6.0 CEUs of 2021-2023 in two categories, CPR/AED and the fee. */
async function certificant(name: string, memberId: string, complete: boolean): Promise<{ id: string; position: number }> {
  const registered = await app.post('/certificants', { firstName: name, lastName: 'Lifter', email: `${name.toLowerCase()}@example.org`, memberId });
  expectStatus(registered, 201);
  const id: string = registered.body.certificantId;
  expectStatus(await app.post(`/certificants/${id}/certifications`, { certification: 'CSCS', earnedOn: '2019-05-01' }), 201);
  const documents = await app.post(`/certificants/${id}/certifications/CSCS/documents`, { documents: ['exam-result.pdf'], receivedOn: '2019-05-10' });
  expectStatus(documents, 201);
  if (!complete) return { id, position: documents.body.position };
  return { id, ...(await complete2021to2023(app, id)) };
}

/** Good rows for Ada and Bo, a row for nobody, a malformed row, and Ada's first row again (a duplicate). */
const ATTENDANCE = [
  'memberId,activityDate,title,provider,hours,externalRef',
  'M-ADA,2024-01-15,Winter clinic,NSCA,3,CLI-1',
  'M-BO,2024-01-16,Winter clinic,NSCA,2,CLI-2',
  'M-NOBODY,2024-01-16,Winter clinic,NSCA,2,CLI-3',
  'M-ADA,2024-01-17,Coaching forum,NSCA,three,CLI-4',
  'M-ADA,2024-01-15,Winter clinic,NSCA,3,CLI-1',
].join('\n');

beforeAll(async () => {
  app = await TestApp.start({ RECERT_NOW: TODAY });
  await app.signIn();
  dir = await mkdtemp(join(tmpdir(), 'recert-cli-'));
  const ada = await certificant('Ada', 'M-ADA', true);
  adaId = ada.id;
  const bo = await certificant('Bo', 'M-BO', false);
  // The import matches people in the search read model; close and issuance read the readiness one.
  await eventually(
    () => app.get(`/certificates/readiness?cycle=${PAST}&consistent=true`, { 'x-min-position': String(Math.max(ada.position, bo.position)) }),
    (body) => body.items.some((item: { certificantId: string; ready: boolean }) => item.certificantId === ada.id && item.ready),
  );
  await eventually(() => app.get('/certificants?q=M-BO&consistent=true', { 'x-min-position': String(bo.position) }), (body) => body.items.length === 1);
}, 60_000);

afterAll(async () => {
  await app?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('recert CLI (issue 5 item 8)', () => {
  it('import: uploads a CSV with good, bad and duplicate rows, follows it, prints the totals and the refused rows (exit 0)', async () => {
    const file = join(dir, 'attendance.csv');
    await writeFile(file, ATTENDANCE);
    const ran = await cli(['import', file, '--kind', 'event-attendance']);
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toMatch(/^import [0-9a-f-]{36} completed: 5 rows, 2 accepted, 1 duplicate, 2 refused$/m);
    // Rows are numbered from the first after the header.
    expect(ran.stdout).toMatch(/^ {2}3 +CERTIFICANT_UNKNOWN +No certificant has the memberId M-NOBODY\.$/m);
    expect(ran.stdout).toMatch(/^ {2}4 +IMPORT_ROW_MALFORMED +\S/m);
    // Not a terminal: plain progress lines on stderr, ending at every row done.
    expect(ran.stderr).toMatch(/^import [0-9a-f]{8}: 5\/5 rows$/m);
  });

  it('import --strict: the same file again records nothing new and exits 1 because rows were refused', async () => {
    const file = join(dir, 'attendance.csv');
    const ran = await cli(['import', file, '--kind', 'event-attendance', '--strict']);
    expect(ran.stdout).toMatch(/completed: 5 rows, 0 accepted, 3 duplicate, 2 refused$/m);
    expect(ran.stderr).toContain('2 rows were refused (--strict).');
    expect(ran.code).toBe(1);
  });

  it('import --dry-run: shows what would happen', async () => {
    const file = join(dir, 'dry.csv');
    await writeFile(file, ['memberId,activityDate,title,provider,hours,externalRef', 'M-BO,2024-01-20,Dry clinic,NSCA,2,CLI-DRY'].join('\n'));
    const ran = await cli(['import', file, '--kind', 'event-attendance', '--dry-run']);
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toContain(`dry run of ${file} (nothing recorded): 1 rows, 1 accepted, 0 duplicate, 0 refused`);
  });

  it('import of a missing file exits 2 before signing in', async () => {
    const ran = await cli(['import', join(dir, 'nowhere.csv'), '--kind', 'event-attendance'], { RECERT_URL: 'http://127.0.0.1:1' });
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('there is no such file');
  });

  it('report --out: writes the CSV the API serves (the header and the rows)', async () => {
    const out = join(dir, 'ceus.csv');
    // The business clock is pinned to 2024 but the events were recorded today: know them all.
    const knownAt = new Date().toISOString();
    const ran = await cli(['report', 'ceus-by-category', '--cycle', CURRENT, '--as-of', TODAY, '--known-at', knownAt, '--out', out]);
    expect(ran).toMatchObject({ code: 0 });
    const reportId = new RegExp(`^report ([0-9a-f-]{36}) \\(ceus-by-category, 2024-2026, as of 2024-02-10, known at ${knownAt}\\)`, 'm').exec(ran.stdout)?.[1];
    expect(reportId).toBeDefined();
    const report = await app.get(`/reports/${reportId}`);
    const rows = report.body.result.rows as unknown[];
    expect(rows.length).toBeGreaterThan(0);
    expect(ran.stdout).toContain(`: ${rows.length} rows written to ${out}`);

    const written = await readFile(out, 'utf8');
    const served = await fetch(`${app.url}/api/v1/reports/${reportId}/csv`, { headers: { authorization: `Bearer ${app.token}` } });
    expect(written).toBe(await served.text());
    const lines = written.split(/\r?\n/).filter((line) => line !== '');
    expect(lines[0]!.split(',')).toHaveLength((report.body.result.columns as unknown[]).length);
    expect(lines).toHaveLength(1 + rows.length);
  });

  it("report of an unknown type exits 2 with the API's sentence", async () => {
    const ran = await cli(['report', 'gossip']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/POST \/reports: .*type must be one of .*\(400 VALIDATION_FAILED\)/);
  });

  it("close-cycle before the deadline exits 2 with the API's sentence (422)", async () => {
    const ran = await cli(['close-cycle', PAST, '--as-of', '2023-12-15']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('(422 CYCLE_NOT_OVER)');
  });

  it('close-cycle then expire-cycle: each run followed to its end (exit 0), each changing Bo only (not complete)', async () => {
    const closed = await cli(['close-cycle', PAST, '--as-of', '2024-01-05']);
    expect(closed).toMatchObject({ code: 0 });
    expect(closed.stdout).toMatch(/^close 2021-2023 as of 2024-01-05 \(run [0-9a-f-]{36}\) completed: 2 looked at, 1 changed, 0 refused$/m);
    const expired = await cli(['expire-cycle', PAST, '--as-of', '2024-02-05']);
    expect(expired).toMatchObject({ code: 0 });
    expect(expired.stdout).toMatch(/^expire 2021-2023 as of 2024-02-05 \(run [0-9a-f-]{36}\) completed: 2 looked at, 1 changed, 0 refused$/m);
  });

  it('issue-certificates: issues Ada her certificate and prints its verification code, which verifies (exit 0)', async () => {
    const ran = await cli(['issue-certificates', PAST]);
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toMatch(/completed: 1 issued, 1 ready, 0 refused$/m);
    const code = /CSCS +([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2})$/m.exec(ran.stdout)?.[1];
    expect(code).toBeDefined();
    const verified = await eventually(() => app.get(`/certificates/verify/${code}`), () => true);
    expect(verified).toMatchObject({ holder: 'Ada Lifter', certification: 'CSCS', cycle: PAST });

    const out = join(dir, 'codes.csv');
    const again = await cli(['issue-certificates', PAST, '--out', out]);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/completed: 0 issued, 1 ready, 0 refused$/m);
    expect(await readFile(out, 'utf8')).toBe('certificantId,certification,verificationCode\r\n');
  });

  it('draw-audit: a seeded draw prints who was selected (exit 0); a rate and a count together are bad usage (exit 2)', async () => {
    const drawn = await cli(['draw-audit', PAST, '--count', '1', '--seed', 'cli test']);
    expect(drawn).toMatchObject({ code: 0 });
    expect(drawn.stdout).toMatch(/^draw \S+: 1 selected of 1 complete in 2021-2023 \(seed "cli test"\)$/m);
    expect(drawn.stdout).toMatch(new RegExp(`^  ${adaId} +\\S+$`, 'm'));
    const both = await cli(['draw-audit', PAST, '--rate', '0.5', '--count', '1', '--seed', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give --rate or --count, not both.');
  });

  it('rebuild NAME: the rebuild job followed until its tables are swapped in (exit 0); an unknown projection exits 2', async () => {
    const ran = await cli(['rebuild', 'cycle_status']);
    expect(ran).toMatchObject({ code: 0 });
    expect(ran.stdout).toMatch(/^cycle_status: rebuilt \([1-9]\d* events\)$/m);
    const unknown = await cli(['rebuild', 'no_such_projection']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('(404 PROJECTION_NOT_FOUND)');
  });

  it('a wrong password exits 3, so does an API that cannot be reached', async () => {
    const wrong = await cli(['report', 'appeals', '--email', ADMIN.email, '--password', 'not the password at all']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain(`sign-in as ${ADMIN.email} failed: 401`);
    const away = await cli(['report', 'appeals', '--url', 'http://127.0.0.1:1']);
    expect(away.code).toBe(3);
    expect(away.stderr).toContain('is the app running at http://127.0.0.1:1?');
  });

  it('an unknown command or flag exits 2; --help exits 0', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await cli(['import', 'x.csv', '--kind', 'event-attendance', '--verbose'])).code).toBe(2);
    expect((await cli(['import', 'x.csv'])).code).toBe(2); // --kind is required
    expect((await cli([])).code).toBe(2);
    expect((await cli(['seed-demo', '--size', '3'])).code).toBe(2); // at least 30
    const help = await cli(['close-cycle', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: recert close-cycle [options] <cycle>');
    expect(help.stdout).toContain('--as-of <date>');
  });
});
