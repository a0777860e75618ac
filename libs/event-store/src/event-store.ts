/**
 * The EventStore port (architecture.md, "The event store"). Every adapter passes the same
 * contract suite (`event-store.contract.ts`).
 */

/** `no_stream`: the stream must not exist; `any`: no check; a number: the stream's current revision. */
export type ExpectedRevision = number | 'no_stream' | 'any';

export type Actor = { id: string; role: string } | 'system';

export interface EventMetadata {
  eventId: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  /** `api`, `import:<id>`, `scheduler`, `cli` */
  source: string;
  /** The business date or instant the fact is about (e.g. a payment's paid-on date). */
  occurredAt: string;
  /** When the store recorded it (ISO 8601 UTC), set by the store. */
  recordedAt: string;
  /**
   * The hash of the command (its route and body) an idempotency key was first used for, on events
   * whose command's key is kept by the store alone (ADR 14): the same key sent again with another
   * command is refused (IdempotencyKeyReused) instead of answered. Absent otherwise.
   */
  commandHash?: string;
}

/** What a writer hands to `append`. Missing metadata is filled in by the store. */
export interface NewEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
  /** Schema version of `data`; defaults to the upcaster registry's current version for `type`, else 1. */
  schemaVersion?: number;
  metadata?: Partial<Omit<EventMetadata, 'recordedAt'>>;
}

/**
 * A commit-safe position: events are totally ordered by (txId, globalPosition). A checkpoint is
 * that pair; everything below the reader's snapshot xmin is final, so nothing can later appear
 * behind a checkpoint. Both parts are decimal strings (they are bigints in PostgreSQL).
 */
export interface Position {
  txId: string;
  globalPosition: string;
}

export const START: Position = { txId: '0', globalPosition: '0' };

export interface RecordedEvent<T extends string = string, D = unknown> {
  streamId: string;
  /** 0-based revision of this event in its stream. */
  streamRevision: number;
  position: Position;
  type: T;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
}

export interface AppendResult {
  /** The stream's revision after the append (revision of its last event). */
  nextExpectedRevision: number;
  /** Position of the last event appended (or of the original events, for an idempotent retry). */
  position: Position;
  /** False when every event already existed (idempotent retry): nothing was written. */
  written: boolean;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
  /**
   * A command's idempotency key. Event ids become uuid v5 of (key, index); appending events
   * whose ids already exist writes nothing and returns the first result.
   */
  idempotencyKey?: string;
}

export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

export interface SubscribeOptions {
  /** Events per batch while catching up. */
  batchSize?: number;
  /** Polling interval when no notification arrives (ms). */
  pollIntervalMs?: number;
  /**
   * Called when a batch fails (the handler threw or the database is unreachable). The subscription
   * keeps its checkpoint and retries after the polling interval; without it errors are retried silently.
   */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscriber has caught up with the head at least once. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/** One stream as `readStreams` gives it. */
export interface StreamRead {
  /** Every event of the stream, by revision, upcast as `readStream` gives them. */
  events: RecordedEvent[];
  /** Revision of the stream's last event, or -1 when the stream does not exist (no events). */
  revision: number;
}

/** Called with each batch in commit-safe order; the subscription advances after it resolves. */
export type BatchHandler = (events: RecordedEvent[], checkpoint: Position) => Promise<void>;

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Many streams in one transaction (imports). All or nothing. */
  appendBatch(appends: StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, fromRevision?: number): Promise<RecordedEvent[]>;
  /**
   * Many whole streams in one query (an import batch's certificants and cycles): one entry per
   * distinct id asked, each as `readStream(id)` would read it; a stream that does not exist is
   * `{ events: [], revision: -1 }`. Callers bound how many ids they ask at once.
   */
  readStreams(streamIds: Iterable<string>): Promise<Map<string, StreamRead>>;
  /** Events strictly after `from`, in commit-safe order, at most `limit`. */
  readAll(from: Position, limit: number): Promise<RecordedEvent[]>;
  subscribe(from: Position, handler: BatchHandler, options?: SubscribeOptions): Subscription;
  /** Revision of the stream's last event, or -1 when the stream does not exist. */
  streamRevision(streamId: string): Promise<number>;
  /** The newest commit-safe position (what readAll would reach). */
  head(): Promise<Position>;
  close(): Promise<void>;
}

export class WrongExpectedRevision extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, not ${String(expected)} as expected.`);
    this.name = 'WrongExpectedRevision';
  }
}

/** An idempotency key was reused for different events (some of its ids exist, or in another stream). */
export class IdempotencyKeyConflict extends Error {
  readonly code = 'IDEMPOTENCY_KEY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly idempotencyKey: string | undefined,
  ) {
    super(
      `The events appended to ${streamId} share ids with events already stored, but not all of them ` +
        `or not in the same stream: idempotency key ${String(idempotencyKey)} was reused for a different command.`,
    );
    this.name = 'IdempotencyKeyConflict';
  }
}

/**
 * An idempotency key sent again with another command than the one whose events it recorded (their
 * `commandHash` differs): nothing is recorded, and the API answers 409 IDEMPOTENCY_KEY_REUSED.
 */
export class IdempotencyKeyReused extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(
    readonly streamId: string,
    readonly idempotencyKey: string,
  ) {
    super(`Idempotency key ${idempotencyKey} already recorded another command on ${streamId}.`);
    this.name = 'IdempotencyKeyReused';
  }
}

/**
 * The store holds transaction ids at or above the cluster's next one (a dump restored into a new
 * cluster): new events could sort before old ones, so the store refuses to write.
 */
export class TransactionIdsBehindStoredEvents extends Error {
  readonly code = 'TRANSACTION_IDS_BEHIND_STORED_EVENTS';
  constructor(
    readonly maxStoredTxId: string,
    readonly nextTxId: string,
    readonly remedy: string,
  ) {
    super(
      `The events table holds transaction ids up to ${maxStoredTxId}, but this PostgreSQL cluster's next ` +
        `transaction id is ${nextTxId} (the database was probably restored from a dump into a new cluster), ` +
        `so new events would sort before old ones and readers would skip them; writes are refused. ` +
        `${remedy} See libs/event-store/README.md, "Restored dump".`,
    );
    this.name = 'TransactionIdsBehindStoredEvents';
  }
}
