import type { INestApplication } from '@nestjs/common';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../apps/api/src/app';
import { loadRecertConfig } from '../apps/api/src/config/recert-config';
import { createTestDatabase, type TestDatabase } from './support/test-database';

async function start(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const app = await createApp(loadRecertConfig({ ...env, PORT: '0', LOG_LEVEL: 'silent' }));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe.each([
  ['PostgreSQL', true],
  ['the embedded database', false],
])('the app shell on %s', (_label, onPostgres) => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    if (onPostgres) database = await createTestDatabase();
    else dataDir = await mkdtemp(join(tmpdir(), 'recert-e2e-'));
    ({ app, url } = await start(database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir! }));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /health with the event store up and its head position', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; info: { eventStore: { status: string; headPosition: string } } };
    expect(body.status).toBe('ok');
    // On the embedded database with no admin configured, the demo admin is its first event.
    expect(body.info.eventStore).toMatchObject({ status: 'up', headPosition: onPostgres ? '0' : '1' });
  });

  it('creates the demo admin on the embedded database only, its password in DATA_DIR/demo-admin.txt', async () => {
    if (onPostgres) {
      expect(dataDir).toBeUndefined();
      return;
    }
    const written = await readFile(join(dataDir!, 'demo-admin.txt'), 'utf8');
    const password = /password: (\S+)/.exec(written)?.[1];
    expect(written).toContain('email: admin@recert.local');
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@recert.local', password }),
    });
    expect(login.status).toBe(200);
  });

  it('serves the OpenAPI document at /docs-json and the page at /docs', async () => {
    const json = (await (await fetch(`${url}/docs-json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(json.openapi).toMatch(/^3\./);
    expect(Object.keys(json.paths)).toContain('/health');
    const page = await fetch(`${url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('answers an unknown path with the error shape of api.md', async () => {
    const response = await fetch(`${url}/api/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
