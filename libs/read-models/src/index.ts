export { createDataSource, namedQuery, poolOf, readModelRuntimeMigrations, type DatabaseConfig } from './data-source';
export { ProjectionRuntimeTables1764000000000 } from './migrations/1764000000000-projection-runtime-tables';
export { comparePositions, samePosition } from './position';
export type { ParkedStream, Projection, ProjectionState, ProjectionStatus, RebuildProgress } from './projection';
export {
  LostOwnership,
  ProjectionRunner,
  StaleCheckpoint,
  type Exclusivity,
  type ProjectionRunnerOptions,
  type StepOutcome,
} from './projection-runner';
export { Projections, type ProjectionsOptions } from './projections';
export { DEFAULT_SHARED_READER_EVENTS, DEFAULT_SHARED_READER_KEEP_MS, SharedLogReader, type LogReader } from './shared-log-reader';
export * from './appeals-queue';
export * from './audit-queue';
export * from './certificant-history';
export * from './certificant-search';
export * from './certificate-readiness';
export * from './certificates';
export * from './cycle-status';
export * from './staff-accounts';
