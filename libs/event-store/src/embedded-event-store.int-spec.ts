import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './create-event-store';
import { eventStoreContract } from './event-store.contract';
import { quoteIdent } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

let dir: string;
let dataDir: string;
/** The app's store, as createEventStore gives it without DATABASE_URL; its pool (size 1) serves every test. */
let app: PostgresEventStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recert-pglite-'));
  dataDir = join(dir, 'data');
  const created = await createEventStore({ dataDir });
  if (created.mode !== 'embedded') throw new Error(`createEventStore chose ${created.mode} without a database URL`);
  app = created.store;
}, 120_000);

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
}, 30_000);

eventStoreContract('embedded PGlite', async () => {
  const schema = `es_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  return {
    concurrentTransactions: false,
    listens: false,
    eventsTable: `${quoteIdent(schema)}.events`,
    // Never a second pool against PGlite: every store shares the app's single connection.
    createStore: (options) => PostgresEventStore.create({ pool: app.pool, schema, listen: false, ...options }),
    withClient: async (fn) => {
      const client = await app.pool.connect();
      try {
        return await fn(client);
      } finally {
        client.release();
      }
    },
    teardown: async () => {
      await app.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    },
  };
});

describe('createEventStore without DATABASE_URL', () => {
  it('keeps its files under the data dir, and its events across a restart', async () => {
    await app.append('certificant-1', [{ type: 'Registered', data: { name: 'Ada' } }], {
      expectedRevision: 'no_stream',
    });
    await app.close();
    expect(await readdir(dataDir)).toContain('PG_VERSION');

    app = (await createEventStore({ dataDir })).store;
    const [e] = await app.readStream('certificant-1');
    expect(e.data).toEqual({ name: 'Ada' });
  }, 60_000);
});
