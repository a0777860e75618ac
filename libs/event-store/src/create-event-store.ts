import type { Pool } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';
import { PostgresEventStore } from './postgres-event-store';
import type { UpcasterRegistry } from './upcasters';

export interface EventStoreConfig {
  /** PostgreSQL URL; when unset the store runs on embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Embedded mode's data directory (default `./data`). */
  dataDir?: string;
  /** An app-wide pool to share (PostgreSQL mode); the store does not end it. */
  pool?: Pool;
  schema?: string;
  upcasters?: UpcasterRegistry;
  poolSize?: number;
  pollIntervalMs?: number;
  idleInTransactionSessionTimeoutMs?: number;
}

export type EventStoreMode = 'postgres' | 'embedded';

/** PostgreSQL when a URL or pool is given, else embedded PGlite (pool size 1, polling, no LISTEN). */
export async function createEventStore(
  config: EventStoreConfig,
): Promise<{ store: PostgresEventStore; mode: EventStoreMode }> {
  const common = {
    schema: config.schema,
    upcasters: config.upcasters,
    pollIntervalMs: config.pollIntervalMs,
    idleInTransactionSessionTimeoutMs: config.idleInTransactionSessionTimeoutMs,
  };
  if (config.pool !== undefined || config.databaseUrl !== undefined) {
    const store = await PostgresEventStore.create({
      ...common,
      pool: config.pool,
      connectionString: config.databaseUrl,
      poolConfig: { max: config.poolSize ?? 10 },
    });
    return { store, mode: 'postgres' };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir ?? './data' });
  try {
    const store = await PostgresEventStore.create({
      ...common,
      poolConfig: embedded.poolConfig,
      listen: false,
      onClose: () => embedded.stop(),
    });
    return { store, mode: 'embedded' };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}
