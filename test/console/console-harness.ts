import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADMIN, TestApp } from '../support/app-harness';

// A browser test waits on real rendering and real requests; its steps wait for what they need.
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
/** Built once per run by build-console.js (the browser tier's globalSetup). */
export const CONSOLE_DIR = join(ROOT, 'test-output', 'console');
/** One PNG per page visited; CI keeps the folder out of git (.gitignore: test-output/). */
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The console in a real browser: the API (with the console built into it) on a database of its
 * own, Debian's Chromium driven by playwright-core, one page. `app` is the same TestApp the e2e
 * suites use, for arranging data over HTTP.
 */
export class ConsoleSession {
  private constructor(
    readonly app: TestApp,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ConsoleSession> {
    const app = await TestApp.start({ RECERT_CONSOLE_DIR: CONSOLE_DIR, ...env });
    try {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // A page error is a defect; fail the test that caused it rather than pass over it.
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const session = new ConsoleSession(app, browser, page);
      session.pageErrors = errors;
      return session;
    } catch (error) {
      await app.stop();
      throw error;
    }
  }

  /** Uncaught errors in the page so far (a test may assert there are none). */
  pageErrors: string[] = [];

  /** Opens a console path (`/certificants`) on the app under test. */
  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.app.url}${path}`, { waitUntil: 'domcontentloaded' });
  }

  /** Signs in through the sign-in page (the demo admin by default) and waits for the dashboard's shell. */
  async signIn(credentials: { email: string; password: string } = ADMIN): Promise<void> {
    await this.goto('/sign-in');
    await this.page.getByLabel('Email', { exact: true }).fill(credentials.email);
    await this.page.getByLabel('Password', { exact: true }).fill(credentials.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** Runs axe on the page as it is now; answers the serious and critical violations (none expected). */
  async accessibilityViolations(): Promise<AxeViolation[]> {
    await this.page.addScriptTag({ content: AXE_SOURCE });
    const violations = await this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target })),
      }));
    });
    return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  }

  /** Saves a full-page PNG as test-output/screenshots/<name>.png. */
  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.app.stop();
  }
}
