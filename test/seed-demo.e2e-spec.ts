import { CYCLE_STATUSES, seedDemo, type SeedDemoResult } from '../apps/cli/src/seed-demo';
import { ADMIN, TestApp } from './support/app-harness';

/**
 * `npm run seed:demo` over HTTP against the running app: a small demo body represents every
 * status of api.md, and a second run records nothing (the event store's head does not move).
 */
let app: TestApp;

async function settledHead(): Promise<number> {
  let last: number | undefined;
  for (let i = 0; i < 100; i++) {
    const health = await app.get('//health');
    const info = health.body?.info ?? health.body?.details ?? {};
    const head = info.eventStore?.headPosition as number | undefined;
    if (head !== undefined && head === last && (info.projections?.maxLag ?? 0) === 0) return head;
    last = head;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the event store did not settle');
}

describe('seed:demo', () => {
  let first: SeedDemoResult;
  const lines: string[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('seeds a demo body in which every status is represented', async () => {
    first = await seedDemo({ baseUrl: app.url, adminEmail: ADMIN.email, adminPassword: ADMIN.password, size: 40, log: (line) => lines.push(line) });
    expect(first.alreadySeeded).toBe(false);
    const represented = CYCLE_STATUSES.filter((status) => Object.values(first.statuses).some((counts) => (counts[status] ?? 0) > 0));
    expect(represented).toEqual([...CYCLE_STATUSES]);
    expect(first.audits.passed).toBeGreaterThan(0);
    expect(first.audits.failed).toBeGreaterThan(0);
    expect(first.audits.open).toBeGreaterThan(0);
    expect((first.appeals['2021-2023'] ?? 0) + (first.appeals['2024-2026'] ?? 0)).toBe(3);
    expect(first.staff.map((s) => s.role)).toEqual(expect.arrayContaining(['auditor', 'committee', 'viewer']));
    expect(lines.some((line) => line.startsWith('certificants: 40 registered'))).toBe(true);
  }, 180_000);

  it('lets the staff it created sign in with the printed passwords', async () => {
    for (const account of first.staff) {
      const answer = await app.post('/auth/login', { email: account.email, password: account.password });
      expect([200, 201]).toContain(answer.status);
    }
  });

  it('records nothing when run again', async () => {
    const before = await settledHead();
    const lines: string[] = [];
    const again = await seedDemo({ baseUrl: app.url, adminEmail: ADMIN.email, adminPassword: ADMIN.password, size: 40, log: (line) => lines.push(line) });
    expect(again.alreadySeeded).toBe(true);
    expect(lines[0]).toMatch(/^already seeded/);
    expect(again.statuses).toEqual(first.statuses);
    expect(await settledHead()).toBe(before);
  }, 60_000);
});
