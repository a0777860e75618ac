import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ProjectionRuntimeTables1764000000000 } from './migrations/1764000000000-projection-runtime-tables';
import { writeWithoutCopy } from './row-table';

export interface DatabaseConfig {
  /** A PostgreSQL URL, or the local socket URL pglite-socket serves in embedded mode. */
  url: string;
  /**
   * Connections in the one shared pool. Embedded mode (PGlite) MUST use 1: PGlite has a single
   * backend, and two connections would interleave their transactions in one session.
   */
  poolSize: number;
  /** TypeORM entities of the read models (the runtime's own tables are plain SQL). */
  entities?: DataSourceOptions['entities'];
  /** Migrations to run after the runtime's own (read-model tables). */
  migrations?: DataSourceOptions['migrations'];
  /** Sets the session's search_path on every connection (tests use a schema each). */
  searchPath?: string;
  applicationName?: string;
  /** Only tests may ask for this; the app's schema comes from migrations. */
  synchronize?: boolean;
  /** Aborts a transaction left idle, so one stuck writer cannot hold every reader back. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Big batches of read-model rows go in by `COPY FROM STDIN` (default true). Embedded mode must
   * say false: PGlite's socket server does not serve COPY, and the session would hang.
   */
  copy?: boolean;
}

/** The migrations this library owns, first in the list the app gives TypeORM. */
export const readModelRuntimeMigrations = [ProjectionRuntimeTables1764000000000];

/**
 * The one DataSource of the app. Its pg pool is the only pool: the event store runs its SQL
 * through `poolOf(dataSource)`, so embedded and PostgreSQL modes differ only in pool size.
 */
export function createDataSource(config: DatabaseConfig): DataSource {
  const sessionOptions = [
    config.searchPath ? `-c search_path=${config.searchPath}` : '',
    `-c idle_in_transaction_session_timeout=${config.idleInTransactionTimeoutMs ?? 60_000}`,
  ]
    .filter(Boolean)
    .join(' ');
  const options: DataSourceOptions = {
    type: 'postgres',
    url: config.url,
    poolSize: config.poolSize,
    applicationName: config.applicationName ?? 'recert',
    entities: config.entities ?? [],
    migrations: [...readModelRuntimeMigrations, ...asArray(config.migrations)],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: config.synchronize ?? false,
    // int8 stays a string: positions and transaction ids exceed 2^53 in a long-lived log.
    parseInt8: false,
    extra: sessionOptions ? { options: sessionOptions } : undefined,
  };
  const dataSource = new DataSource(options);
  if (config.copy === false) writeWithoutCopy(dataSource);
  return dataSource;
}

/** The pg Pool TypeORM's driver owns. Valid once `dataSource.initialize()` has resolved. */
export function poolOf(dataSource: DataSource): Pool {
  if (!dataSource.isInitialized) {
    throw new Error('poolOf(dataSource): initialize the DataSource before asking for its pool.');
  }
  const driver = dataSource.driver as PostgresDriver;
  if (driver.options.type !== 'postgres' || !driver.master) {
    throw new Error('poolOf(dataSource): only a PostgreSQL DataSource without replication owns one pool.');
  }
  return driver.master as Pool;
}

/**
 * Runs `text` as the named prepared statement `name`, on the pool or on a QueryRunner's connection
 * (its transaction): each connection parses and plans it once instead of on every call. For the
 * statements run per command or per batch, whose text is fixed; one name, one text.
 */
export async function namedQuery<R extends QueryResultRow = QueryResultRow>(
  on: DataSource | QueryRunner,
  name: string,
  text: string,
  values: unknown[],
): Promise<QueryResult<R>> {
  const client = on instanceof DataSource ? poolOf(on) : ((await on.connect()) as PoolClient);
  return client.query<R>({ name, text, values });
}

function asArray<T>(list: T[] | Record<string, T> | undefined): T[] {
  if (!list) return [];
  return Array.isArray(list) ? list : Object.values(list);
}
