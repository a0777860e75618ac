import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../apps/api/src/database/tokens';
import { TestApp } from './support/app-harness';

describe('the Idempotency-Key convention', () => {
  let app: TestApp;
  // Events in the store, counted directly: the commit-safe head can lag behind a commit while a
  // projection's transaction is open, which would hide a write as well as invent one.
  const head = async () => ((await app.app.get<DataSource>(DATA_SOURCE).query('SELECT count(*)::int AS n FROM events')) as Array<{ n: number }>)[0].n;
  const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.org' };

  beforeAll(async () => {
    app = await TestApp.start();
    await app.signIn();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('answers the same key and body with the first answer again and records nothing new', async () => {
    const first = await app.post('/certificants', ada, { 'idempotency-key': 'register-ada-1' });
    expect(first.status).toBe(201);
    const before = await head();
    // The same body with its fields in another order is the same body.
    const again = await app.post('/certificants', { email: ada.email, lastName: ada.lastName, firstName: ada.firstName }, { 'idempotency-key': 'register-ada-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(before);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body, recording nothing', async () => {
    const first = await app.post('/certificants', ada, { 'idempotency-key': 'register-2' });
    expect(first.status).toBe(201);
    const before = await head();
    const other = await app.post('/certificants', { ...ada, firstName: 'Augusta' }, { 'idempotency-key': 'register-2' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await head()).toBe(before);
  });

  it('runs a burst of concurrent duplicates once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => app.post('/certificants', { ...ada, firstName: 'Burst' }, { 'idempotency-key': 'burst-1' })),
    );
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const answer of answers) {
      if (answer.status !== 201) expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    }
    expect(new Set(created.map((answer) => answer.body.certificantId)).size).toBe(1);
    const registered = (await app.app
      .get<DataSource>(DATA_SOURCE)
      .query(`SELECT count(*)::int AS n FROM events WHERE type = 'CertificantRegistered' AND data->>'firstName' = 'Burst'`)) as Array<{ n: number }>;
    expect(registered[0].n).toBe(1);
  });

  it('keeps keys apart per route and per staff member', async () => {
    const first = await app.post('/certificants', ada, { 'idempotency-key': 'shared-key' });
    const other = await app.post('/staff', { email: 'keys@recert.test', name: 'Keys', roles: ['staff'], password: 'a long enough passphrase' }, { 'idempotency-key': 'shared-key' });
    expect(first.status).toBe(201);
    expect(other.status).toBe(201);

    const client = Object.create(app) as TestApp;
    client.token = null;
    await client.signIn({ email: 'keys@recert.test', password: 'a long enough passphrase' });
    const theirs = await client.post('/certificants', { ...ada, firstName: 'Keys' }, { 'idempotency-key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.certificantId).not.toBe(first.body.certificantId);
  });

  it('answers a registration whose stored answer was lost (the process died after the append) with the certificant it registered, registering nobody new', async () => {
    const first = await app.post('/certificants', { ...ada, firstName: 'Lost' }, { 'idempotency-key': 'register-lost-answer' });
    expect(first.status).toBe(201);
    const before = await head();
    // As a crash leaves it: the key claimed, no answer, long enough ago to count as abandoned.
    await app.app
      .get<DataSource>(DATA_SOURCE)
      .query(`UPDATE idempotency_keys SET status = NULL, response = NULL, created_at = now() - interval '1 hour' WHERE idempotency_key = $1`, ['register-lost-answer']);
    const again = await app.post('/certificants', { ...ada, firstName: 'Lost' }, { 'idempotency-key': 'register-lost-answer' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(before);
  });

  it('frees the key of a refused command so a corrected retry runs', async () => {
    const refused = await app.post('/staff', { email: 'retry@recert.test', name: 'Retry', roles: ['wizard'], password: 'a long enough passphrase' }, { 'idempotency-key': 'retry-1' });
    expect(refused.status).toBe(422);
    const again = await app.post('/staff', { email: 'retry@recert.test', name: 'Retry', roles: ['wizard'], password: 'a long enough passphrase' }, { 'idempotency-key': 'retry-1' });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('STAFF_ROLE_UNKNOWN');
  });

  it("keeps the key of a certificant's own commands in the event store (ADR 14): the first answer again, or 409 for another body", async () => {
    const registered = await app.post('/certificants', { ...ada, firstName: 'Cora' });
    expect(registered.status).toBe(201);
    const path = `/certificants/${registered.body.certificantId as string}/cpr-aed`;
    const card = { provider: 'Red Cross', completedOn: '2025-03-01', expiresOn: '2027-03-01', coversAdult: true, skillsEvaluation: true, deliveredOnline: false };
    const headers = { 'idempotency-key': 'cpr-once' };
    const first = await app.post(path, card, headers);
    expect(first.status).toBe(201);
    const before = await head();
    const again = await app.post(path, { ...card }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await app.post(path, { ...card, provider: 'Heart Association' }, headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const invalid = await app.post(path, { ...card, colour: 'red' }, headers);
    expect(invalid.status).toBe(409);
    expect(invalid.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await head()).toBe(before);
    const rows = (await app.app.get<DataSource>(DATA_SOURCE).query('SELECT count(*)::int AS n FROM idempotency_keys WHERE idempotency_key = $1', ['cpr-once'])) as Array<{ n: number }>;
    expect(rows[0].n).toBe(0);
  });

  it('refuses an over-long key with 400', async () => {
    const answer = await app.post('/certificants', ada, { 'idempotency-key': 'k'.repeat(201) });
    expect(answer.status).toBe(400);
  });
});
