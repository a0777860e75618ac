import { ADMIN } from '../support/app-harness';
import { ConsoleSession } from './console-harness';

describe('console: sign-in (issue 6.1)', () => {
  let session: ConsoleSession;

  beforeAll(async () => {
    session = await ConsoleSession.start();
  }, 60_000);

  afterAll(async () => {
    await session?.stop();
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    await session.goto('/certificants');
    await session.page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();
    expect(new URL(session.page.url()).pathname).toBe('/sign-in');
    expect(await session.accessibilityViolations()).toEqual([]);
    await session.screenshot('sign-in');
  });

  it("shows the API's sentence when the password is wrong", async () => {
    await session.goto('/sign-in');
    await session.page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await session.page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await session.page.getByRole('button', { name: 'Sign in' }).click();
    await session.page.getByText('The email or the password is wrong.').waitFor();
    expect(await session.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('signs the demo admin in, shows their name and every page of an admin, and signs out', async () => {
    await session.signIn();
    const nav = session.page.getByRole('navigation', { name: 'Main' });
    for (const page of ['Dashboard', 'Certificants', 'Imports', 'Audits', 'Appeals', 'Certificates', 'Reports', 'Operations']) {
      await nav.getByRole('link', { name: page }).waitFor();
    }
    await session.page.getByRole('button', { name: 'Sign out' }).click();
    await session.page.getByRole('heading', { name: 'Sign in to Recert' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('shows a viewer no Imports or Operations pages', async () => {
    session.app.token = null;
    await session.app.signIn();
    const created = await session.app.post('/staff', { email: 'viewer@recert.test', name: 'Vera Viewer', roles: ['viewer'], password: 'a viewer password 123' });
    expect(created.status).toBe(201);
    await session.signIn({ email: 'viewer@recert.test', password: 'a viewer password 123' });
    const nav = session.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Certificants' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Imports' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Operations' }).count()).toBe(0);
  });

  it('ends an expired session and says why', async () => {
    await session.page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('recert.session') ?? '{}') as { token: string };
      sessionStorage.setItem('recert.session', JSON.stringify({ token: `${stored.token}x`, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    });
    await session.goto('/certificants');
    await session.page.getByText('Your session expired').waitFor();
    expect(new URL(session.page.url()).pathname).toBe('/sign-in');
    expect(await session.page.evaluate(() => sessionStorage.getItem('recert.session'))).toBeNull();
  });
});
