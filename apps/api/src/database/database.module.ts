import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { PostgresEventStore, startEmbeddedPostgres, type EmbeddedPostgres, type EventStore } from '@recert/event-store';
import { createDataSource, poolOf } from '@recert/read-models';
import type { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import type { RecertConfig } from '../config/recert-config';
import { API_ENTITIES, API_MIGRATIONS } from './api-tables';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from './read-model-catalogue';
import { DATA_SOURCE, EVENT_STORE, RECERT_CONFIG } from './tokens';

/** The database the app runs on: one pool, owned by TypeORM, shared by the event store. */
export interface Database {
  dataSource: DataSource;
  store: PostgresEventStore;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: RecertConfig): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  const url = config.DATABASE_URL ?? (embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR })).connectionString;
  // PGlite has one backend: a second connection would share its session (architecture.md).
  const dataSource = createDataSource({
    url,
    poolSize: embedded ? 1 : 10,
    copy: !embedded,
    entities: [...READ_MODEL_ENTITIES, ...API_ENTITIES],
    migrations: [...READ_MODEL_MIGRATIONS, ...API_MIGRATIONS],
  });
  try {
    await dataSource.initialize();
    const store = await PostgresEventStore.create({ pool: poolOf(dataSource), listen: !embedded });
    await dataSource.runMigrations();
    return {
      dataSource,
      store,
      embedded: embedded !== undefined,
      async close() {
        await store.close();
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
}

const DATABASE = Symbol('Database');

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** PostgreSQL when DATABASE_URL is set, else embedded PGlite under DATA_DIR. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: RecertConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: RECERT_CONFIG, useValue: config },
        { provide: Clock, useValue: new Clock(config.RECERT_TIME_ZONE, config.RECERT_NOW) },
        {
          provide: DATABASE,
          useFactory: async (): Promise<Database> => {
            const database = await openDatabase(config);
            new Logger('database').log(database.embedded ? `Embedded database in ${config.DATA_DIR}` : 'PostgreSQL');
            return database;
          },
        },
        { provide: DATA_SOURCE, useFactory: (database: Database) => database.dataSource, inject: [DATABASE] },
        { provide: EVENT_STORE, useFactory: (database: Database): EventStore => database.store, inject: [DATABASE] },
        DatabaseLifecycle,
      ],
      exports: [RECERT_CONFIG, Clock, DATABASE, DATA_SOURCE, EVENT_STORE],
    };
  }
}

export { DATABASE };
