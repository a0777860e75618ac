export * from './event-store';
export { UpcasterRegistry, type Upcaster } from './upcasters';
export { idempotentEventId, uuidV5, IDEMPOTENCY_NAMESPACE } from './uuid-v5';
export { PostgresEventStore, resetwalRemedy, type PostgresEventStoreOptions } from './postgres-event-store';
export { MIGRATIONS, migrate, type Migration } from './migrations';
export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres';
export { createEventStore, type EventStoreConfig, type EventStoreMode } from './create-event-store';
export { decideAndAppend, type StreamDecider, type CommandOutcome, type DecideOptions, type LoadedStream } from './decide-and-append';
export { Coalescer, Refused } from './coalescer';
