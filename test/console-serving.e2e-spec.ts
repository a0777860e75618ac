import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from './support/app-harness';

/** Issue 6.12: the API serves the built console at `/`, deep links included, and keeps its own paths. */
describe('serving the console', () => {
  let directory: string;
  let app: TestApp;
  let unbuilt: TestApp;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recert-console-'));
    await mkdir(join(directory, 'assets'));
    await writeFile(join(directory, 'index.html'), '<!doctype html><title>Recert console</title><div id="root"></div>');
    await writeFile(join(directory, 'assets', 'index-abc123.js'), 'console.log("console")');
    app = await TestApp.start({ RECERT_CONSOLE_DIR: directory });
    unbuilt = await TestApp.start({ RECERT_CONSOLE_DIR: join(directory, 'missing') });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await unbuilt?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  it('answers index.html at / and at every page path, so deep links and reloads work', async () => {
    for (const path of ['/', '/certificants/c-123', '/verify/ABCD-1234', '/sign-in?redirect=%2Freports']) {
      const answer = await fetch(`${app.url}${path}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/text\/html/);
      expect(await answer.text()).toContain('<title>Recert console</title>');
    }
  });

  it('serves the hashed assets with a long cache life, and 404 for a missing one', async () => {
    const asset = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${app.url}/assets/nothing.js`)).status).toBe(404);
  });

  it('leaves the API, /docs and /health to the API', async () => {
    const unknown = await app.get('/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBeDefined();
    expect((await app.get('//health', { authorization: '' })).headers.get('content-type')).toMatch(/json/);
    expect(await (await fetch(`${app.url}/docs`)).text()).not.toContain('Recert console');
  });

  it('says how to build the console when it is not built', async () => {
    const answer = await fetch(`${unbuilt.url}/`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('The staff console is not built');
  });
});
