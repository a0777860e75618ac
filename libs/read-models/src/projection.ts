import type { Position, RecordedEvent } from '@recert/event-store';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A read model and the code that builds it from the log. Keep the rule in a pure
 * `project(row, event)` beside `apply`, which only loads rows, calls it and saves them.
 */
export interface Projection {
  /** Stable name: the checkpoint's key and the name on /projections. */
  readonly name: string;
  /** Bump it when `apply` changes its output: the runner rebuilds the tables without downtime. */
  readonly version: number;
  /**
   * The entities whose tables this projection owns and rebuilds. Their tables must be
   * unqualified (no `schema` on the entity) and use natural or identity keys, not serial ones:
   * a rebuild builds copies in a shadow schema and swaps them in.
   */
  readonly tables: ReadonlyArray<EntityTarget<ObjectLiteral>>;
  handles(eventType: string): boolean;
  /**
   * Writes the effect of `events` (already filtered by `handles`, in commit-safe order) through
   * `manager`, which is inside the runner's transaction. Throwing parks the failing event's
   * stream; never catch and carry on. Find rows by a prefix of their primary key: while a rebuild
   * fills the shadow tables they have only the indexes that enforce something (primary keys,
   * unique indexes), and the others are built at the swap (see `createShadowTables`).
   */
  apply(events: RecordedEvent[], manager: EntityManager): Promise<void>;
}

export type ProjectionState = 'running' | 'rebuilding' | 'stopped' | 'failed';

export interface RebuildProgress {
  version: number;
  position: Position;
  eventsDone: number;
  startedAt: string;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  status: ProjectionState;
  position: Position;
  head: Position;
  /**
   * Events between the checkpoint and the head, estimated from global positions (exact 0 when
   * caught up). Sequence gaps from rolled-back appends make it an upper bound.
   */
  lag: number;
  owner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  parkedStreams: number;
  rebuild: RebuildProgress | null;
}

export interface ParkedStream {
  projection: string;
  streamId: string;
  /** Revision of the event that failed; this and every later event of the stream wait. */
  fromRevision: number;
  eventId: string;
  eventType: string;
  position: Position;
  /** Events of the stream held back so far, the failing one included. */
  parkedEvents: number;
  lastPosition: Position;
  error: string;
  parkedAt: string;
  retryRequestedAt: string | null;
}
