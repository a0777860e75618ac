import type { INestApplication } from '@nestjs/common';
import { staffStream } from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import type { DataSource } from 'typeorm';
import { createApp } from '../apps/api/src/app';
import { AUTH_CACHE_MS, hashOf } from '../apps/api/src/auth/sessions';
import { loadRecertConfig } from '../apps/api/src/config/recert-config';
import { DATA_SOURCE, EVENT_STORE } from '../apps/api/src/database/tokens';
import { staffIdOf } from '../apps/api/src/staff/staff-account';
import { ADMIN, TestApp } from './support/app-harness';
import { until } from './support/http-expect';
import { createTestDatabase } from './support/test-database';

const PASSWORD = 'a long enough passphrase';

describe('sign-in, roles and staff accounts', () => {
  let app: TestApp;
  let store: EventStore;
  // Events in the store, counted directly: the commit-safe head can lag behind a commit while a
  // projection's transaction is open, which would hide a write as well as invent one.
  const head = async () => ((await app.app.get<DataSource>(DATA_SOURCE).query('SELECT count(*)::int AS n FROM events')) as Array<{ n: number }>)[0].n;

  /** A fresh client of the same app, signed in as someone else. */
  async function clientFor(email: string, password = PASSWORD): Promise<TestApp> {
    const client = Object.create(app) as TestApp;
    client.token = null;
    await client.signIn({ email, password });
    return client;
  }

  async function createStaff(email: string, roles: string[]): Promise<string> {
    const answer = await app.post('/staff', { email, name: email.split('@')[0], roles, password: PASSWORD });
    expect(answer.status).toBe(201);
    return answer.body.staffId as string;
  }

  beforeAll(async () => {
    app = await TestApp.start();
    store = app.app.get<EventStore>(EVENT_STORE);
    await app.signIn();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  describe('POST /auth/login', () => {
    it('gives the first admin a bearer token that expires', async () => {
      const answer = await app.post('/auth/login', ADMIN, { authorization: '' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
      expect(Date.parse(answer.body.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const wrongPassword = await app.post('/auth/login', { email: ADMIN.email, password: 'not the password at all' });
      const unknownEmail = await app.post('/auth/login', { email: 'nobody@recert.test', password: ADMIN.password });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('accepts the email in any case', async () => {
      const answer = await app.post('/auth/login', { email: ADMIN.email.toUpperCase(), password: ADMIN.password });
      expect(answer.status).toBe(200);
    });

    it('refuses malformed bodies with 400', async () => {
      for (const body of [{}, { email: ADMIN.email }, { email: 42, password: ADMIN.password }, { ...ADMIN, remember: true }]) {
        const answer = await app.post('/auth/login', body);
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('answers 429 after five failures for one email, even with the right password then', async () => {
      await createStaff('locked@recert.test', ['staff']);
      for (let attempt = 1; attempt <= 5; attempt++) {
        const answer = await app.post('/auth/login', { email: 'locked@recert.test', password: `wrong guess number ${attempt}` });
        expect(answer.status).toBe(401);
      }
      const sixth = await app.post('/auth/login', { email: 'locked@recert.test', password: 'wrong guess number 6' });
      expect(sixth.status).toBe(429);
      expect(sixth.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      const right = await app.post('/auth/login', { email: 'locked@recert.test', password: PASSWORD });
      expect(right.status).toBe(429);
    });
  });

  describe('GET /auth/me', () => {
    it('answers who is signed in with the roles they hold now, and 401 without a session', async () => {
      await createStaff('auditor.me@recert.test', ['auditor']);
      const session = await app.post('/auth/login', { email: 'auditor.me@recert.test', password: PASSWORD }, { authorization: '' });
      const me = await app.get('/auth/me', { authorization: `Bearer ${session.body.token}` });
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ id: expect.any(String), email: 'auditor.me@recert.test', name: expect.any(String), roles: ['auditor'] });
      expect((await app.get('/auth/me', { authorization: '' })).status).toBe(401);
    });
  });

  describe('the guard', () => {
    it('keeps /health, /docs and /docs-json public', async () => {
      const anonymous = { authorization: '' };
      expect((await app.get('//health', anonymous)).status).toBe(200);
      expect((await app.get('//docs', anonymous)).status).toBe(200);
      expect((await app.get('//docs-json', anonymous)).status).toBe(200);
    });

    it('answers 401 UNAUTHENTICATED without a token, with a made-up one and for reads too', async () => {
      for (const authorization of ['', 'Bearer made-up-token', 'Basic YWRtaW46YWRtaW4=']) {
        const read = await app.get('/projections', { authorization });
        expect(read.status).toBe(401);
        expect(read.body.error.code).toBe('UNAUTHENTICATED');
      }
      const before = await head();
      const command = await app.post('/certificants', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org' }, { authorization: '' });
      expect(command.status).toBe(401);
      expect(await head()).toBe(before);
    });

    it('answers 401 once the token has expired, within AUTH_CACHE_MS when the session is ended outside this process', async () => {
      const client = await clientFor(ADMIN.email, ADMIN.password);
      expect((await client.get('/projections')).status).toBe(200);
      await app.app
        .get<DataSource>(DATA_SOURCE)
        .query(`UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [hashOf(client.token!)]);
      // The process trusts a token it checked for at most AUTH_CACHE_MS (1 s); then it asks the database again.
      const answer = await until(() => client.get('/projections'), (reply) => reply.status !== 200, 10 * AUTH_CACHE_MS);
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('ends a session at POST /auth/logout', async () => {
      const client = await clientFor(ADMIN.email, ADMIN.password);
      expect((await client.post('/auth/logout')).status).toBe(204);
      expect((await client.get('/projections')).status).toBe(401);
    });

    it('lets a viewer read but not command: 403 naming the role, nothing recorded', async () => {
      await createStaff('viewer@recert.test', ['viewer']);
      const viewer = await clientFor('viewer@recert.test');
      expect((await viewer.get('/projections')).status).toBe(200);
      expect((await viewer.get('/audits')).status).toBe(200);

      const before = await head();
      const answer = await viewer.post('/certificants', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org' });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
      expect(answer.body.error.message).toContain('staff');
      expect((await viewer.post('/staff', { email: 'x@recert.test', name: 'X', roles: ['admin'], password: PASSWORD })).status).toBe(403);
      expect((await viewer.get('/staff')).status).toBe(403);
      expect(await head()).toBe(before);
    });

    it('records the signed-in actor in the metadata of every event a request writes', async () => {
      const staffId = await createStaff('clerk@recert.test', ['staff']);
      const clerk = await clientFor('clerk@recert.test');
      const answer = await clerk.post('/certificants', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' });
      expect(answer.status).toBe(201);
      const events = await store.readStream(`certificant-${answer.body.certificantId}`);
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) expect(event.metadata.actor).toEqual({ id: staffId, role: 'staff' });

      const [created] = await store.readStream(staffStream(staffId));
      expect(created.metadata.actor).toEqual({ id: staffIdOf(ADMIN.email), role: 'admin' });
    });
  });

  describe('staff accounts', () => {
    it('creates an account as an event and lists it for admins, without the password hash', async () => {
      const answer = await app.post('/staff', { email: 'Lee@Recert.test', name: 'Lee Park', roles: ['auditor'], password: PASSWORD });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ staffId: staffIdOf('lee@recert.test'), position: expect.any(Number) });
      const [event] = await store.readStream(staffStream(answer.body.staffId));
      expect(event).toMatchObject({ type: 'StaffAccountCreated', data: { email: 'lee@recert.test', roles: ['auditor'] } });
      expect((event.data as { passwordHash: string }).passwordHash).toMatch(/^\$argon2id\$/);

      const list = await app.get('/staff?consistent=true', { 'x-min-position': String(answer.body.position) });
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(expect.objectContaining({ staffId: answer.body.staffId, email: 'lee@recert.test', name: 'Lee Park', roles: ['auditor'] }));
      expect(JSON.stringify(list.body)).not.toContain('argon2');
    });

    it('pages GET /staff with limit and cursor', async () => {
      const first = await app.get('/staff?limit=1');
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(1);
      const second = await app.get(`/staff?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
      expect(second.body.items[0].email > first.body.items[0].email).toBe(true);
      expect((await app.get('/staff?limit=0')).status).toBe(400);
      expect((await app.get('/staff?sort=name')).status).toBe(400);
    });

    it('changes roles with an event; the new roles hold at once for a signed-in member', async () => {
      const staffId = await createStaff('promoted@recert.test', ['viewer']);
      const member = await clientFor('promoted@recert.test');
      const body = { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.org' };
      expect((await member.post('/certificants', body)).status).toBe(403);

      const change = await app.post(`/staff/${staffId}/roles`, { roles: ['staff', 'viewer'] });
      expect(change.status).toBe(200);
      expect(change.body).toEqual({ staffId, roles: ['staff', 'viewer'], position: expect.any(Number) });
      const events = await store.readStream(staffStream(staffId));
      expect(events.map((event) => event.type)).toEqual(['StaffAccountCreated', 'StaffRolesChanged']);
      expect((await member.post('/certificants', body)).status).toBe(201);
    });

    it('refuses bad input on POST /staff and records nothing', async () => {
      const good = { email: 'new@recert.test', name: 'New', roles: ['staff'], password: PASSWORD };
      const before = await head();
      const cases: Array<[unknown, number, string]> = [
        [{ ...good, password: 'too short' }, 400, 'VALIDATION_FAILED'],
        [{ ...good, email: 'not-an-email' }, 400, 'VALIDATION_FAILED'],
        [{ ...good, roles: 'staff' }, 400, 'VALIDATION_FAILED'],
        [{ ...good, roles: [] }, 400, 'VALIDATION_FAILED'],
        [{ ...good, isAdmin: true }, 400, 'VALIDATION_FAILED'],
        [{ ...good, roles: ['superuser'] }, 422, 'STAFF_ROLE_UNKNOWN'],
        [{ ...good, email: ADMIN.email }, 409, 'STAFF_EMAIL_TAKEN'],
      ];
      for (const [body, status, code] of cases) {
        const answer = await app.post('/staff', body);
        expect({ body, status: answer.status, code: answer.body.error?.code }).toEqual({ body, status, code });
      }
      expect(await head()).toBe(before);
    });

    it('refuses bad input on POST /staff/:id/roles and records nothing', async () => {
      const staffId = await createStaff('roles@recert.test', ['staff']);
      const before = await head();
      const cases: Array<[string, unknown, number, string]> = [
        ['00000000-0000-4000-8000-000000000000', { roles: ['staff'] }, 404, 'STAFF_NOT_FOUND'],
        ['not-a-uuid', { roles: ['staff'] }, 404, 'STAFF_NOT_FOUND'],
        [staffId, { roles: ['wizard'] }, 422, 'STAFF_ROLE_UNKNOWN'],
        [staffId, { roles: [] }, 400, 'VALIDATION_FAILED'],
        [staffId, { roles: ['staff'], extra: 1 }, 400, 'VALIDATION_FAILED'],
        [staffIdOf(ADMIN.email), { roles: ['staff'] }, 422, 'STAFF_CANNOT_REMOVE_OWN_ADMIN'],
      ];
      for (const [id, body, status, code] of cases) {
        const answer = await app.post(`/staff/${id}/roles`, body);
        expect({ id, status: answer.status, code: answer.body.error?.code }).toEqual({ id, status, code });
      }
      const unchanged = await app.post(`/staff/${staffId}/roles`, { roles: ['staff'] });
      expect(unchanged.body.position).toBeNull();
      expect(await head()).toBe(before);
    });
  });
});

describe('the first admin', () => {
  async function start(url: string, password: string): Promise<{ app: INestApplication; base: string }> {
    const config = loadRecertConfig({ DATABASE_URL: url, RECERT_ADMIN_EMAIL: ADMIN.email, RECERT_ADMIN_PASSWORD: password, LOG_LEVEL: 'silent', PORT: '0' });
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
  }

  const login = async (base: string, password: string) =>
    (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ADMIN.email, password }) })).status;

  it('is created once and never overwritten by a restart with another password', async () => {
    const database = await createTestDatabase();
    try {
      const first = await start(database.url, ADMIN.password);
      expect(await login(first.base, ADMIN.password)).toBe(200);
      await first.app.close();

      const second = await start(database.url, 'another password entirely');
      try {
        expect(await login(second.base, ADMIN.password)).toBe(200);
        expect(await login(second.base, 'another password entirely')).toBe(401);
        const events = await second.app.get<EventStore>(EVENT_STORE).readStream(staffStream(staffIdOf(ADMIN.email)));
        expect(events.map((event) => event.type)).toEqual(['StaffAccountCreated']);
        expect(events[0].metadata.actor).toBe('system');
      } finally {
        await second.app.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
