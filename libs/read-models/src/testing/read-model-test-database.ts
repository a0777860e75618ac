import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore, START, type RecordedEvent } from '@recert/event-store';
import type { DataSource } from 'typeorm';
import { createDataSource, poolOf } from '../data-source';
import { quoteIdent } from '../shadow-tables';
import { StreamEventCountEntity, StreamEventCounts1764000000001, type StreamEventCount } from './stream-event-count.projection';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ReadModelTestDatabase {
  schema: string;
  dataSource: DataSource;
  store: PostgresEventStore;
  /** Every event in the log, in commit-safe order. */
  allEvents(): Promise<RecordedEvent[]>;
  counts(): Promise<StreamEventCount[]>;
  drop(): Promise<void>;
}

/**
 * A schema of its own holding the events, the runtime tables and the toy read model, reached
 * through one DataSource whose pool the event store shares, as in the app.
 */
export async function createReadModelTestDatabase(poolSize = 6): Promise<ReadModelTestDatabase> {
  const schema = `rm_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const dataSource = createDataSource({
    url: DATABASE_URL,
    poolSize,
    entities: [StreamEventCountEntity],
    migrations: [StreamEventCounts1764000000001],
    searchPath: schema,
    applicationName: 'recert-read-models-test',
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  const store = await PostgresEventStore.create({ pool: poolOf(dataSource), schema, listen: false });
  return {
    schema,
    dataSource,
    store,
    allEvents: () => store.readAll(START, 100_000),
    counts: async () =>
      (await dataSource.getRepository(StreamEventCountEntity).find({ order: { streamId: 'ASC' } })).sort((a, b) =>
        a.streamId.localeCompare(b.streamId),
      ),
    async drop() {
      await store.close();
      await dataSource.destroy();
      try {
        await admin.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(`${schema}__rebuild__stream_event_counts`)} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
