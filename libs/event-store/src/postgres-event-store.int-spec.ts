import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { eventStoreContract } from './event-store.contract';
import { quoteIdent } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let admin: Pool;
beforeAll(() => {
  admin = new Pool({ connectionString: DATABASE_URL, max: 4 });
});
afterAll(async () => {
  await admin.end();
});

function newSchema(): string {
  return `es_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

eventStoreContract('PostgreSQL', async () => {
  const schema = newSchema();
  return {
    concurrentTransactions: true,
    listens: true,
    eventsTable: `${quoteIdent(schema)}.events`,
    createStore: (options) =>
      PostgresEventStore.create({ connectionString: DATABASE_URL, schema, poolConfig: { max: 10 }, ...options }),
    withClient: async (fn) => {
      const client = await admin.connect();
      try {
        return await fn(client);
      } finally {
        client.release();
      }
    },
    teardown: async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    },
  };
});

describe('PostgresEventStore on PostgreSQL', () => {
  const schema = newSchema();
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  });

  it('migrates once, records the version, and sets idle_in_transaction_session_timeout on its pool', async () => {
    const [a, b] = await Promise.all([
      PostgresEventStore.create({ connectionString: DATABASE_URL, schema, idleInTransactionSessionTimeoutMs: 4321 }),
      PostgresEventStore.create({ connectionString: DATABASE_URL, schema }),
    ]);
    try {
      const { rows } = await admin.query(`SELECT version, name FROM ${quoteIdent(schema)}.schema_migrations`);
      expect(rows).toEqual([{ version: 1, name: 'events' }]);
      const shown = await a.pool.query<{ t: string }>('SELECT current_setting($1) AS t', ['idle_in_transaction_session_timeout']);
      expect(shown.rows[0].t).toBe('4321ms');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('shares a pool it was given and leaves it open on close', async () => {
    const pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
    try {
      const store = await PostgresEventStore.create({ pool, schema });
      await store.append('shared', [{ type: 'X', data: {} }], { expectedRevision: 'any' });
      await store.close();
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(schema)}.events`);
      expect(rows[0].n).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.end();
    }
  });

  it('holds notifications back to one per notifyIntervalMs under load, and sends the held one on close', async () => {
    const own = newSchema();
    const writer = await PostgresEventStore.create({ connectionString: DATABASE_URL, schema: own, notifyIntervalMs: 600_000 });
    // Counted on the channel itself: a subscription may also read on its own (a frontier retry),
    // so only the NOTIFYs received tell whether the writer held one back.
    const listener = new Client({ connectionString: DATABASE_URL });
    const received: string[] = [];
    const until = async (n: number): Promise<void> => {
      for (const t0 = Date.now(); received.length < n; ) {
        if (Date.now() - t0 > 15_000) throw new Error(`Timed out waiting for ${n} notifications; have ${received.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    try {
      await listener.connect();
      listener.on('notification', (message) => received.push(message.channel));
      await listener.query(`LISTEN ${quoteIdent(`recert_events_${own}`.slice(0, 63))}`);
      await writer.append('n', [{ type: 'X', data: {} }], { expectedRevision: 'no_stream' });
      await until(1); // the first notification after a quiet spell goes at once
      await writer.append('n', [{ type: 'X', data: {} }], { expectedRevision: 0 });
      await writer.append('n', [{ type: 'X', data: {} }], { expectedRevision: 1 });
      // A second NOTIFY, if one were sent, would arrive within this pause; the interval is 10 minutes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toHaveLength(1);
      await writer.close();
      await until(2); // the held one goes out on close, once for both appends
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toHaveLength(2);
    } finally {
      await writer.close();
      await listener.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(own)} CASCADE`);
    }
  });
});
