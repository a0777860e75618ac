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

describe('PostgresEventStore: the stream cache of small readStreams', () => {
  const schema = newSchema();
  const open = (options: { streamCacheEvents?: number } = {}) => PostgresEventStore.create({ connectionString: DATABASE_URL, schema, ...options });
  const x = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'X', data: { i, nested: { list: [i] } } }));
  const shapeOf = (reads: Map<string, { events: Array<{ streamRevision: number; data: unknown; position: unknown }>; revision: number }>) =>
    [...reads].map(([id, read]) => [id, read.revision, read.events.map((e) => [e.streamRevision, e.data, e.position])]);
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  });

  it('reads a stream it has read before from where it left off, and answers as a store that never read it', async () => {
    const [reader, writer] = await Promise.all([open(), open({ streamCacheEvents: 0 })]);
    try {
      await writer.append('tail-a', x(20), { expectedRevision: 'no_stream' });
      await writer.append('tail-b', x(3), { expectedRevision: 'no_stream' });
      const first = await reader.readStreams(['tail-a', 'tail-b', 'tail-none']);
      expect(reader.readStats.eventsParsed).toBe(23);

      const again = await reader.readStreams(['tail-a', 'tail-b', 'tail-none']);
      expect(reader.readStats.eventsParsed).toBe(23); // nothing new: only the last known row is read, to check it
      expect(shapeOf(again)).toEqual(shapeOf(first));

      // Another process (another store) appends: the next read parses only the new events.
      await writer.append('tail-a', x(2), { expectedRevision: 19 });
      await writer.append('tail-none', x(1), { expectedRevision: 'no_stream' });
      const later = await reader.readStreams(['tail-b', 'tail-a', 'tail-none']);
      expect(reader.readStats.eventsParsed).toBe(26);
      expect(shapeOf(later)).toEqual(shapeOf(await writer.readStreams(['tail-b', 'tail-a', 'tail-none'])));
      expect(later.get('tail-a')!.revision).toBe(21);
    } finally {
      await Promise.all([reader.close(), writer.close()]);
    }
  });

  it('reads the whole stream again when the last event it holds is gone (a database restored or reset under it)', async () => {
    const store = await open();
    try {
      await store.append('reset', x(5), { expectedRevision: 'no_stream' });
      await store.readStreams(['reset']);
      // Events are immutable (no DELETE, no TRUNCATE): only a database dropped and made again removes them.
      await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
      const remade = await open();
      await remade.append('reset', [{ type: 'Y', data: { fresh: true } }], { expectedRevision: 'no_stream' });
      await remade.append('reset', x(6), { expectedRevision: 0 });
      await remade.close();
      const read = (await store.readStreams(['reset'])).get('reset')!;
      expect(read.revision).toBe(6);
      expect(read.events.map((e) => e.type)).toEqual(['Y', 'X', 'X', 'X', 'X', 'X', 'X']);
      expect(read.events[0].data).toEqual({ fresh: true });
    } finally {
      await store.close();
    }
  });

  it('hands out frozen events, each read its own array', async () => {
    const store = await open();
    try {
      await store.append('frozen', x(2), { expectedRevision: 'no_stream' });
      await store.readStreams(['frozen']);
      const read = (await store.readStreams(['frozen'])).get('frozen')!;
      const event = read.events[0] as unknown as { data: { nested: { list: number[] } }; metadata: { source: string } };
      expect(() => event.data.nested.list.push(1)).toThrow(TypeError);
      expect(() => (event.metadata.source = 'changed')).toThrow(TypeError);
      read.events.pop();
      expect((await store.readStreams(['frozen'])).get('frozen')!.events).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('keeps at most streamCacheEvents events, forgetting the least recently read stream first', async () => {
    const store = await open({ streamCacheEvents: 10 });
    try {
      await store.append('lru-a', x(4), { expectedRevision: 'no_stream' });
      await store.append('lru-b', x(4), { expectedRevision: 'no_stream' });
      await store.append('lru-c', x(4), { expectedRevision: 'no_stream' });
      await store.append('lru-big', x(11), { expectedRevision: 'no_stream' });
      await store.readStreams(['lru-a']);
      await store.readStreams(['lru-b']);
      await store.readStreams(['lru-a']); // a is now the most recent
      await store.readStreams(['lru-c']); // 12 events: b goes
      const before = store.readStats.eventsParsed;
      await store.readStreams(['lru-a']);
      await store.readStreams(['lru-c']);
      expect(store.readStats.eventsParsed).toBe(before);
      await store.readStreams(['lru-b']);
      expect(store.readStats.eventsParsed).toBe(before + 4);
      // A stream longer than the whole cache is never kept.
      await store.readStreams(['lru-big']);
      await store.readStreams(['lru-big']);
      expect(store.readStats.eventsParsed).toBe(before + 4 + 22);
    } finally {
      await store.close();
    }
  });
});
