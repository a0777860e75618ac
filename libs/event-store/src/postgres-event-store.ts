import { randomUUID } from 'node:crypto';
import { Client, Pool, type PoolConfig, type QueryConfig } from 'pg';
import {
  type AppendOptions,
  type AppendResult,
  type BatchHandler,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  IdempotencyKeyConflict,
  type NewEvent,
  type Position,
  type RecordedEvent,
  type StreamAppend,
  type StreamRead,
  type SubscribeOptions,
  type Subscription,
  TransactionIdsBehindStoredEvents,
  WrongExpectedRevision,
} from './event-store';
import { Coalescer, Refused } from './coalescer';
import { migrate, quoteIdent } from './migrations';
import { UpcasterRegistry } from './upcasters';
import { idempotentEventId } from './uuid-v5';
import { deepFreeze } from './deep-freeze';

export interface PostgresEventStoreOptions {
  /** A pool shared with the rest of the app (TypeORM's); the store never ends it. */
  pool?: Pool;
  /** Used when no pool is given: the store creates its own pool and ends it on close(). */
  connectionString?: string;
  poolConfig?: PoolConfig;
  /** PostgreSQL schema holding `events` and `schema_migrations`. Default `public`. */
  schema?: string;
  upcasters?: UpcasterRegistry;
  /** Wake subscriptions with LISTEN on a dedicated connection (default true; false for PGlite). */
  listen?: boolean;
  /** NOTIFY listeners (in any process) after each append (default: same as `listen`). */
  notify?: boolean;
  /**
   * Under load, NOTIFYs are sent at most once per this many ms (default 10): appends that commit
   * meanwhile share the next one. The first append after a quiet spell notifies at once.
   */
  notifyIntervalMs?: number;
  /** Default polling interval of subscriptions (ms): the fallback when no notification arrives. */
  pollIntervalMs?: number;
  /** Set on the connections of a pool the store creates (default 60 s; 0 disables). */
  idleInTransactionSessionTimeoutMs?: number;
  /**
   * Events of streams read by small `readStreams` (a command's streams) kept in memory, so that
   * reading them again asks only for what was appended since (default 20,000; 0 disables). The
   * least recently read stream is forgotten first; a stream longer than this is not kept.
   */
  streamCacheEvents?: number;
  /** Run migrations at start (default true). */
  migrate?: boolean;
  /** Called after close() has released everything (the embedded server hooks in here). */
  onClose?: () => Promise<void>;
}

/** Attempts of one append when racing writers keep taking the revision it computed ('any'). */
const MAX_ATTEMPTS = 20;
/** Streams whose last seen revision the store remembers (oldest forgotten first). */
const KNOWN_REVISIONS = 10_000;
const UNIQUE_VIOLATION = '23505';

type Row = [string, string, string, number, string, number, string, string];

interface PreparedAppend {
  streamId: string;
  expected: ExpectedRevision;
  idempotencyKey?: string;
  ids: string[];
  types: string[];
  versions: number[];
  data: string[];
  metadata: string[];
}

function isDatabaseError(error: unknown): error is Error & { code: string; constraint?: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

function expectedParam(expected: ExpectedRevision): number | null {
  if (expected === 'any') return null;
  if (expected === 'no_stream') return -1;
  if (!Number.isInteger(expected) || expected < 0) {
    throw new Error(`expectedRevision must be a revision >= 0, 'no_stream' or 'any', got ${String(expected)}.`);
  }
  return expected;
}

/** Orders two bigint decimal strings (no leading zeros, non-negative). */
function comparePosition(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** The remedy sentence for a restored dump, with the pg_resetwal values that fix this database. */
export function resetwalRemedy(maxStoredTxId: string): string {
  const next = BigInt(maxStoredTxId) + 1n;
  const segment = 1048576n; // xids per pg_xact segment: start the cluster on a fresh segment boundary
  let epoch = next >> 32n;
  let xid = ((next & 0xffffffffn) + segment - 1n) / segment * segment;
  if (xid > 0xffffffffn) {
    epoch += 1n;
    xid = 0n;
  }
  if (xid === 0n) xid = segment;
  return (
    `Stop this cluster cleanly, run "pg_resetwal -e ${epoch} -x ${xid} <data directory>" as its ` +
    `owner, start it again and restart the app.`
  );
}

/** A `readStreams` of at most this many streams may wait to share a query with others, and is kept in the stream cache. */
const SMALL_READ = 16;
const STREAM_CACHE_EVENTS = 20_000;

/** A stream as the cache holds it: frozen events, the last of them at `revision`. */
interface CachedStream {
  events: readonly RecordedEvent[];
  revision: number;
}

export class PostgresEventStore implements EventStore {
  readonly schema: string;
  private readonly table: string;
  private readonly upcasters: UpcasterRegistry;
  private readonly listenEnabled: boolean;
  private readonly pollIntervalMs: number;
  private readonly channel: string;
  private readonly sql: ReturnType<typeof buildSql>;
  private readonly notifies: boolean;
  private readonly notifyIntervalMs: number;
  /** The NOTIFY in flight (at most one). */
  private notifying: Promise<void> | undefined;
  /** An append committed since the last NOTIFY was sent. */
  private notifyPending = false;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotifyAt = -Infinity;
  private writeRefusal: Error | undefined;
  /**
   * Per stream, a revision this store has seen stored (written, read, or looked up): it exists for
   * good, since events are immutable. An append expecting exactly that revision needs no check
   * that it exists, only the unique index against a writer that took the next one.
   */
  private readonly knownRevisions = new Map<string, number>();
  /**
   * Streams read before, in the order last read (a Map keeps insertion order), with the events
   * they held: events are immutable, so a read of the same stream needs only the ones after
   * (docs/adr/0012). The last event held is read again and compared, by position, to tell a
   * database reset or restored under the store.
   */
  private readonly streamCache = new Map<string, CachedStream>();
  private streamCacheSize = 0;
  private readonly streamCacheLimit: number;
  /** Events parsed from rows by reads (the stream cache's tests count them). */
  readonly readStats = { eventsParsed: 0 };
  private readonly subscriptions = new Set<SubscriptionLoop>();
  private listener: Listener | undefined;
  private closed = false;
  /**
   * Group commit (docs/adr/0007): single-stream appends with an expected revision that arrive while
   * one is in flight go together in one statement and one transaction; if that group is refused
   * (one expectation failed, an id was stored already), each is tried alone, so one command's
   * conflict never fails another's.
   */
  private readonly expectedAppends = new Coalescer<StreamAppend, AppendResult>((appends) => this.appendGroup(appends), 64);
  /** Small `readStreams` calls (a command's few streams) that arrive together are read in one query. */
  private readonly smallReads = new Coalescer<string[], Map<string, StreamRead>>((asks) => this.readStreamsTogether(asks), 64);

  private constructor(
    readonly pool: Pool,
    private readonly ownsPool: boolean,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.schema = options.schema ?? 'public';
    this.table = `${quoteIdent(this.schema)}.events`;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.listenEnabled = options.listen ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? (this.listenEnabled ? 1000 : 100);
    this.channel = `recert_events_${this.schema}`.slice(0, 63);
    this.notifies = options.notify ?? this.listenEnabled;
    this.notifyIntervalMs = Math.max(0, options.notifyIntervalMs ?? 10);
    this.sql = buildSql(this.table, this.schema);
    this.streamCacheLimit = Math.max(0, options.streamCacheEvents ?? STREAM_CACHE_EVENTS);
  }

  /** Creates the store: runs migrations and the restored-dump check. */
  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    let pool = options.pool;
    const ownsPool = pool === undefined;
    if (pool === undefined) {
      const timeout = options.idleInTransactionSessionTimeoutMs ?? 60_000;
      const config: PoolConfig = { ...options.poolConfig };
      if (options.connectionString !== undefined) config.connectionString = options.connectionString;
      config.application_name ??= 'recert-event-store';
      // A write transaction left open holds every commit-safe reader back: cut it off.
      if (timeout > 0) config.options = `${config.options ?? ''} -c idle_in_transaction_session_timeout=${timeout}`.trim();
      pool = new Pool(config);
    }
    const store = new PostgresEventStore(pool, ownsPool, options);
    try {
      if (options.migrate ?? true) await migrate(pool, store.schema);
      await store.checkTransactionIds();
    } catch (error) {
      if (ownsPool) await pool.end();
      throw error;
    }
    return store;
  }

  /** Refuses writes when stored tx ids reach the cluster's next xid (a dump restored elsewhere). */
  async checkTransactionIds(): Promise<void> {
    const { rows } = await this.pool.query<{ max_tx: string | null; next_tx: string }>(
      `SELECT (SELECT max(tx_id) FROM ${this.table})::text AS max_tx,
              pg_snapshot_xmax(pg_current_snapshot())::text AS next_tx`,
    );
    const { max_tx: maxTx, next_tx: nextTx } = rows[0];
    this.writeRefusal =
      maxTx !== null && BigInt(maxTx) >= BigInt(nextTx)
        ? new TransactionIdsBehindStoredEvents(maxTx, nextTx, resetwalRemedy(maxTx))
        : undefined;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const append: StreamAppend = { streamId, events, options };
    if (options.expectedRevision === 'any') {
      const [result] = await this.appendMany([append]);
      return result;
    }
    return this.expectedAppends.call(append);
  }

  private async appendGroup(appends: StreamAppend[]): Promise<Array<AppendResult | Refused>> {
    const alone = (append: StreamAppend) => this.appendExpected(append).catch((error: unknown) => new Refused(error));
    // One stream twice in a group would need the first's revision for the second: those go alone.
    if (appends.length === 1 || new Set(appends.map((a) => a.streamId)).size < appends.length) return Promise.all(appends.map(alone));
    if (this.closed) throw new Error('The event store is closed.');
    if (this.writeRefusal) throw this.writeRefusal;
    const recordedAt = new Date().toISOString();
    const prepared = appends.map((append) => this.prepare(append, recordedAt));
    const results: (AppendResult | undefined)[] = new Array(prepared.length);
    try {
      await this.insert(
        prepared.map((p, i) => ({ p, i })),
        recordedAt,
        results,
      );
      return results as AppendResult[];
    } catch (error) {
      const conflict = error instanceof WrongExpectedRevision || (isDatabaseError(error) && error.code === UNIQUE_VIOLATION);
      if (!conflict) throw error;
    }
    return Promise.all(appends.map(alone));
  }

  /**
   * One stream at a given revision (a number or 'no_stream'): one lean statement that inserts at
   * expected + 1.. only if revision `expected` exists (no gap; skipped for 'no_stream' and for a
   * revision this store has seen), and lets the unique (stream_id, stream_revision) index refuse a
   * revision taken already. The actual revision is looked up only when the append fails; ids are
   * looked up only when it fails too: a keyed retry of a stored append either hits
   * `events_event_id_unique` (its ids derive from the key) or finds the stream moved on, and both
   * lead here to the original result (or IdempotencyKeyConflict). The first attempt is one round trip.
   */
  private async appendExpected(append: StreamAppend): Promise<AppendResult> {
    if (this.closed) throw new Error('The event store is closed.');
    if (this.writeRefusal) throw this.writeRefusal;
    const recordedAt = new Date().toISOString();
    const p = this.prepare(append, recordedAt);
    const expected = expectedParam(p.expected) as number;
    const single = p.ids.length === 1;
    if (!single) {
      const ids = new Set(p.ids);
      if (ids.size !== p.ids.length) {
        const dup = p.ids.find((id, i) => p.ids.indexOf(id) !== i);
        throw new Error(`Event id ${String(dup)} appears twice in one append to ${p.streamId}.`);
      }
    }
    const keyed = p.idempotencyKey !== undefined;
    let checkIds = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (checkIds) {
        const existing = await this.existingResult(p);
        if (existing !== undefined) return existing;
      }
      let rows: [string, string][] = [];
      const exists = expected === -1 || this.knownRevisions.get(p.streamId) === expected;
      try {
        ({ rows } = await this.query<[string, string]>(
          single
            ? {
                name: exists ? this.sql.appendOneName : this.sql.appendOneCheckedName,
                text: exists ? this.sql.appendOne : this.sql.appendOneChecked,
                values: [p.streamId, expected, p.ids[0], p.types[0], p.versions[0], p.data[0], p.metadata[0], recordedAt],
                rowMode: 'array',
              }
            : {
                name: this.sql.appendStreamName,
                text: this.sql.appendStream,
                values: [p.streamId, expected, p.ids, p.types, p.versions, p.data, p.metadata, recordedAt],
                rowMode: 'array',
              },
        ));
      } catch (error) {
        if (!isDatabaseError(error) || error.code !== UNIQUE_VIOLATION) throw error;
        if (error.constraint === 'events_event_id_unique') {
          checkIds = true;
          continue;
        }
        if (error.constraint !== 'events_stream_revision_unique') throw error;
      }
      if (rows.length > 0) {
        this.committed();
        this.sawRevision(p.streamId, expected + rows.length);
        let last = rows[0];
        for (let i = 1; i < rows.length; i++) if (comparePosition(rows[i][0], last[0]) > 0) last = rows[i];
        return {
          nextExpectedRevision: expected + rows.length,
          position: { txId: last[1], globalPosition: last[0] },
          written: true,
        };
      }
      // Revision `expected` does not exist, or a racing writer took expected + 1.
      if (keyed) {
        const existing = await this.existingResult(p);
        if (existing !== undefined) return existing;
      }
      const actual = await this.streamRevision(p.streamId);
      if (actual !== expected) throw new WrongExpectedRevision(p.streamId, p.expected, actual);
      // The stream reached `expected` after the insert's snapshot: try again.
    }
    throw new Error(`Append to ${p.streamId} lost ${MAX_ATTEMPTS} races in a row; retry later.`);
  }

  /** Remembers that `revision` of the stream is stored (the newest remembered per stream). */
  private sawRevision(streamId: string, revision: number): void {
    if (revision < 0) return;
    const known = this.knownRevisions.get(streamId);
    if (known !== undefined) {
      if (known >= revision) return;
      this.knownRevisions.delete(streamId);
    } else if (this.knownRevisions.size >= KNOWN_REVISIONS) {
      this.knownRevisions.delete(this.knownRevisions.keys().next().value as string);
    }
    this.knownRevisions.set(streamId, revision);
  }

  /** The original result when every event of `p` is stored already (an idempotent retry). */
  private async existingResult(p: PreparedAppend): Promise<AppendResult | undefined> {
    const results: (AppendResult | undefined)[] = [undefined];
    await this.resolveExisting([p], results);
    return results[0];
  }

  async appendBatch(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    return this.appendMany(appends);
  }

  private async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (this.closed) throw new Error('The event store is closed.');
    if (this.writeRefusal) throw this.writeRefusal;
    const recordedAt = new Date().toISOString();
    const prepared = appends.map((a) => this.prepare(a, recordedAt));
    const streams = new Set<string>();
    const ids = new Set<string>();
    for (const p of prepared) {
      if (streams.has(p.streamId)) throw new Error(`appendBatch got stream ${p.streamId} twice; merge its events.`);
      streams.add(p.streamId);
      for (const id of p.ids) {
        if (ids.has(id)) throw new Error(`Event id ${id} appears twice in one append to ${p.streamId}.`);
        ids.add(id);
      }
    }
    let checkIds = prepared.some((p) => p.idempotencyKey !== undefined);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const results: (AppendResult | undefined)[] = new Array(prepared.length);
      const pending = checkIds ? await this.resolveExisting(prepared, results) : prepared.map((p, i) => ({ p, i }));
      if (pending.length === 0) return results as AppendResult[];
      try {
        await this.insert(pending, recordedAt, results);
        return results as AppendResult[];
      } catch (error) {
        if (!isDatabaseError(error) || error.code !== UNIQUE_VIOLATION) throw error;
        // A racing writer took a revision (re-check expectations, or recompute for 'any') or
        // stored the same event ids first (an idempotent retry racing the original).
        if (error.constraint === 'events_event_id_unique') checkIds = true;
        else if (error.constraint !== 'events_stream_revision_unique') throw error;
      }
    }
    throw new Error(`Append to ${appends[0].streamId} lost ${MAX_ATTEMPTS} races in a row; retry later.`);
  }

  private prepare(append: StreamAppend, recordedAt: string): PreparedAppend {
    const { streamId, events, options } = append;
    if (events.length === 0) throw new Error(`Append to ${streamId} has no events.`);
    expectedParam(options.expectedRevision);
    const key = options.idempotencyKey;
    const n = events.length;
    const ids = new Array<string>(n);
    const types = new Array<string>(n);
    const versions = new Array<number>(n);
    const data = new Array<string>(n);
    const metadata = new Array<string>(n);
    for (let index = 0; index < n; index++) {
      const e = events[index];
      const m = e.metadata;
      const eventId = key !== undefined ? idempotentEventId(key, index) : (m?.eventId ?? randomUUID());
      const full: EventMetadata = {
        eventId,
        correlationId: m?.correlationId ?? eventId,
        causationId: m?.causationId ?? null,
        actor: m?.actor ?? 'system',
        source: m?.source ?? 'api',
        occurredAt: m?.occurredAt ?? recordedAt,
        recordedAt,
      };
      if (m?.commandHash !== undefined) full.commandHash = m.commandHash;
      ids[index] = eventId;
      types[index] = e.type;
      versions[index] = e.schemaVersion ?? this.upcasters.currentVersion(e.type);
      data[index] = JSON.stringify(e.data);
      metadata[index] = JSON.stringify(full);
    }
    return { streamId, expected: options.expectedRevision, idempotencyKey: key, ids, types, versions, data, metadata };
  }

  /** Fills `results` for appends whose event ids are all stored already; returns the rest. */
  private async resolveExisting(
    prepared: PreparedAppend[],
    results: (AppendResult | undefined)[],
  ): Promise<{ p: PreparedAppend; i: number }[]> {
    const { rows } = await this.pool.query<Row>({
      text: this.sql.existing,
      values: [prepared.flatMap((p) => p.ids)],
      rowMode: 'array',
    });
    const found = new Map(rows.map((r) => [r[0], r]));
    const pending: { p: PreparedAppend; i: number }[] = [];
    prepared.forEach((p, i) => {
      const hits = p.ids.map((id) => found.get(id)).filter((r): r is Row => r !== undefined);
      if (hits.length === 0) return pending.push({ p, i });
      if (hits.length !== p.ids.length || hits.some((r) => r[2] !== p.streamId)) {
        throw new IdempotencyKeyConflict(p.streamId, p.idempotencyKey);
      }
      const last = hits.reduce((a, b) => (BigInt(b[1]) > BigInt(a[1]) ? b : a));
      results[i] = {
        nextExpectedRevision: Math.max(...hits.map((r) => r[3])),
        position: { txId: last[4], globalPosition: last[1] },
        written: false,
      };
      return undefined;
    });
    return pending;
  }

  /** One statement (one round trip, one transaction): check every expectation, then insert all or nothing. */
  private async insert(
    pending: { p: PreparedAppend; i: number }[],
    recordedAt: string,
    results: (AppendResult | undefined)[],
  ): Promise<void> {
    const streamIds: string[] = [];
    const expected: (number | null)[] = [];
    const sidx: number[] = [];
    const k: number[] = [];
    const ids: string[] = [];
    const types: string[] = [];
    const versions: number[] = [];
    const data: string[] = [];
    const metadata: string[] = [];
    pending.forEach(({ p }, s) => {
      streamIds.push(p.streamId);
      expected.push(expectedParam(p.expected));
      for (let j = 0; j < p.ids.length; j++) {
        sidx.push(s + 1);
        k.push(j + 1);
        ids.push(p.ids[j]);
        types.push(p.types[j]);
        versions.push(p.versions[j]);
        data.push(p.data[j]);
        metadata.push(p.metadata[j]);
      }
    });
    const values: unknown[] = [streamIds, expected, sidx, k, ids, types, versions, data, metadata, recordedAt];
    const { rows } = await this.query<[string, string | null, string | null]>({
      name: this.sql.appendName,
      text: this.sql.append,
      values,
      rowMode: 'array',
    });
    const [revsText, positionsText, txId] = rows[0];
    const revs = revsText.split(',').map(Number);
    if (txId === null) {
      const bad = pending.findIndex(({ p }, s) => {
        const e = expectedParam(p.expected);
        return e !== null && e !== revs[s];
      });
      const { p } = pending[bad];
      throw new WrongExpectedRevision(p.streamId, p.expected, revs[bad]);
    }
    this.committed();
    const positions = (positionsText ?? '').split(',');
    pending.forEach(({ p, i }, s) => {
      this.sawRevision(p.streamId, revs[s] + p.ids.length);
      results[i] = {
        nextExpectedRevision: revs[s] + p.ids.length,
        position: { txId, globalPosition: positions[s] },
        written: true,
      };
    });
  }

  /**
   * Wakes local subscriptions at once and NOTIFYs other processes' listeners. The NOTIFY runs after
   * commit: inside the append it would take PostgreSQL's global notify lock at every commit and
   * serialize all writers (measured: 8 writers ran at a third of the speed). It is coalesced: at
   * most one in flight and one pending, and at most one per `notifyIntervalMs` (the first after a
   * quiet spell goes at once). Its transaction commits with synchronous_commit off: NOTIFY assigns
   * an xid, so it would otherwise wait for a WAL flush of its own; a notification lost in a crash
   * only delays other processes to their next poll.
   */
  private committed(): void {
    for (const s of this.subscriptions) s.wake();
    if (!this.notifies) return;
    this.notifyPending = true;
    this.scheduleNotify();
  }

  private scheduleNotify(): void {
    // close() sends what is pending itself.
    if (!this.notifyPending || this.notifying !== undefined || this.notifyTimer !== undefined || this.closed) return;
    const wait = this.lastNotifyAt + this.notifyIntervalMs - Date.now();
    if (wait > 0) {
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = undefined;
        this.scheduleNotify();
      }, wait);
      return;
    }
    this.notifying = this.sendNotification().finally(() => {
      this.notifying = undefined;
      this.scheduleNotify();
    });
  }

  private async sendNotification(): Promise<void> {
    this.notifyPending = false;
    this.lastNotifyAt = Date.now();
    try {
      await this.pool.query({ name: this.sql.notifyName, text: this.sql.notify, values: [this.channel] });
    } catch {
      // Listeners fall back to polling.
    }
  }

  /** Like pool.query, but a statement error keeps the connection (pool.query would discard it). */
  private async query<R extends unknown[]>(config: QueryConfig & { rowMode: 'array' }): Promise<{ rows: R[] }> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await client.query<R>(config);
    } catch (error) {
      if (!isDatabaseError(error)) broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async readStream(streamId: string, fromRevision = 0): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<Row>({
      name: this.sql.readStreamName,
      text: this.sql.readStream,
      values: [streamId, fromRevision],
      rowMode: 'array',
    });
    if (rows.length > 0) this.sawRevision(streamId, rows[rows.length - 1][3]);
    return rows.map((r) => this.toEvent(r));
  }

  async readStreams(streamIds: Iterable<string>): Promise<Map<string, StreamRead>> {
    const ids = [...streamIds];
    return ids.length <= SMALL_READ ? this.smallReads.call(ids) : this.readStreamsNow(ids);
  }

  /** Several callers' small reads in one query; each gets its own map of its own streams. */
  private async readStreamsTogether(asks: string[][]): Promise<Map<string, StreamRead>[]> {
    if (asks.length === 1) return [await this.readStreamsNow(asks[0], true)];
    const all = await this.readStreamsNow(asks.flat(), true);
    return asks.map((ids) => {
      const reads = new Map<string, StreamRead>();
      for (const id of ids) {
        const read = all.get(id)!;
        reads.set(id, { events: [...read.events], revision: read.revision });
      }
      return reads;
    });
  }

  /**
   * Streams in one query: those in the stream cache from the last event it holds, the others
   * whole. `remember` (small reads) keeps what was read in the cache; big reads (imports, which
   * keep their own) only use it.
   */
  private async readStreamsNow(streamIds: string[], remember = false): Promise<Map<string, StreamRead>> {
    const reads = new Map<string, StreamRead>();
    for (const id of streamIds) reads.set(id, { events: [], revision: -1 });
    if (reads.size === 0) return reads;
    const ids = [...reads.keys()];
    const held = new Map<string, CachedStream>();
    for (const id of ids) {
      const known = this.streamCache.get(id);
      if (known) held.set(id, known);
    }
    const { rows } = await this.pool.query<Row>({
      name: this.sql.readStreamsFromName,
      text: this.sql.readStreamsFrom,
      values: [ids, ids.map((id) => held.get(id)?.revision ?? 0)],
      rowMode: 'array',
    });
    const confirmed = new Set<string>();
    // Grouped by lookup, not by relying on the database collation's order of stream ids.
    for (const r of rows) {
      const known = held.get(r[2]);
      if (known && r[3] === known.revision) {
        const last = known.events[known.events.length - 1].position;
        if (r[0] === last.txId && r[1] === last.globalPosition) confirmed.add(r[2]);
        continue;
      }
      reads.get(r[2])!.events.push(this.toEvent(r));
    }
    const stale: string[] = [];
    for (const [id, known] of held) {
      if (confirmed.has(id)) {
        const read = reads.get(id)!;
        read.events = read.events.length === 0 ? [...known.events] : known.events.concat(read.events);
      } else {
        // The last event held is gone: the database was reset or restored. Forget and read it whole.
        this.forgetStream(id);
        reads.get(id)!.events = [];
        stale.push(id);
      }
    }
    if (stale.length > 0) {
      const { rows: whole } = await this.pool.query<Row>({ name: this.sql.readStreamsName, text: this.sql.readStreams, values: [stale], rowMode: 'array' });
      for (const r of whole) reads.get(r[2])!.events.push(this.toEvent(r));
    }
    for (const [id, read] of reads) {
      read.revision = read.events.at(-1)?.streamRevision ?? -1;
      this.sawRevision(id, read.revision);
      if (remember && read.revision >= 0) this.rememberStream(id, read);
    }
    return reads;
  }

  /** Keeps a stream's events as the most recently read, forgetting the least recently read beyond the limit. */
  private rememberStream(id: string, read: StreamRead): void {
    const known = this.streamCache.get(id);
    if (known?.revision === read.revision) {
      // Unchanged: only its place in the order moves.
      this.streamCache.delete(id);
      this.streamCache.set(id, known);
      return;
    }
    this.forgetStream(id);
    if (read.events.length > this.streamCacheLimit) return;
    for (let i = known ? known.events.length : 0; i < read.events.length; i++) deepFreeze(read.events[i]);
    this.streamCache.set(id, { events: read.events.slice(), revision: read.revision });
    this.streamCacheSize += read.events.length;
    for (const [oldest, entry] of this.streamCache) {
      if (this.streamCacheSize <= this.streamCacheLimit) break;
      this.streamCache.delete(oldest);
      this.streamCacheSize -= entry.events.length;
    }
  }

  private forgetStream(id: string): void {
    const known = this.streamCache.get(id);
    if (!known) return;
    this.streamCache.delete(id);
    this.streamCacheSize -= known.events.length;
  }

  async readAll(from: Position, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<Row>({
      name: this.sql.readAllName,
      text: this.sql.readAll,
      values: [from.txId, from.globalPosition, limit],
      rowMode: 'array',
    });
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = this.toEvent(rows[i]);
    return events;
  }

  private toEvent(r: Row): RecordedEvent {
    this.readStats.eventsParsed++;
    let schemaVersion = r[5];
    let data: unknown = JSON.parse(r[6]);
    if (schemaVersion < this.upcasters.currentVersion(r[4])) {
      ({ schemaVersion, data } = this.upcasters.upcast(r[4], schemaVersion, data));
    }
    return {
      streamId: r[2],
      streamRevision: r[3],
      position: { txId: r[0], globalPosition: r[1] },
      type: r[4],
      schemaVersion,
      data,
      metadata: JSON.parse(r[7]) as EventMetadata,
    };
  }

  async streamRevision(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ rev: number }>(
      `SELECT coalesce(max(stream_revision), -1) AS rev FROM ${this.table} WHERE stream_id = $1`,
      [streamId],
    );
    this.sawRevision(streamId, rows[0].rev);
    return rows[0].rev;
  }

  async head(): Promise<Position> {
    const { rows } = await this.pool.query<{ tx_id: string; global_position: string }>(
      `SELECT e.tx_id::text, e.global_position::text FROM ${this.table} e
        WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.tx_id DESC, e.global_position DESC LIMIT 1`,
    );
    return rows.length === 0 ? { txId: '0', globalPosition: '0' } : { txId: rows[0].tx_id, globalPosition: rows[0].global_position };
  }

  subscribe(from: Position, handler: BatchHandler, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('The event store is closed.');
    if (this.listenEnabled && this.listener === undefined) {
      this.listener = new Listener(this.pool, this.channel, () => {
        for (const s of this.subscriptions) s.wake();
      });
      this.listener.start();
    }
    const loop = new SubscriptionLoop(this, from, handler, {
      batchSize: options.batchSize ?? 500,
      pollIntervalMs: options.pollIntervalMs ?? this.pollIntervalMs,
      onError: options.onError,
    });
    this.subscriptions.add(loop);
    loop.done.finally(() => this.subscriptions.delete(loop)).catch(() => undefined);
    return loop;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.stop();
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    await this.notifying;
    if (this.notifyPending) await this.sendNotification();
    if (this.ownsPool) await this.pool.end();
    await this.options.onClose?.();
  }
}

function buildSql(table: string, schema: string) {
  const tag = schema.replace(/[^A-Za-z0-9_]/g, '_');
  const cols = `tx_id::text, global_position::text, stream_id, stream_revision, type, schema_version, data::text, metadata::text`;
  return {
    existing: `SELECT event_id::text, global_position::text, stream_id, stream_revision, tx_id::text
                 FROM ${table} WHERE event_id = ANY($1::uuid[])`,
    appendName: `recert-es-append-${tag}`,
    // c: each stream's current revision; the INSERT runs only when every expectation holds (null = 'any').
    // Ordered by input so that, within a stream, global order follows revision order.
    append: `
      WITH s AS (
        SELECT * FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(stream_id, expected, sidx)
      ), c AS (
        SELECT s.sidx, s.stream_id, s.expected,
               coalesce((SELECT max(e.stream_revision) FROM ${table} e WHERE e.stream_id = s.stream_id), -1) AS rev
          FROM s
      ), ins AS (
        INSERT INTO ${table} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
        SELECT u.event_id, c.stream_id, c.rev + u.k, u.type, u.schema_version, u.data, u.metadata, $10::timestamptz
          FROM unnest($3::int[], $4::int[], $5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[])
               WITH ORDINALITY AS u(sidx, k, event_id, type, schema_version, data, metadata, ord)
          JOIN c ON c.sidx = u.sidx
         WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.expected IS NOT NULL AND c.expected <> c.rev)
         ORDER BY u.ord
        RETURNING stream_id, global_position, tx_id
      ), last AS (
        SELECT stream_id, max(global_position) AS gp, max(tx_id) AS tx FROM ins GROUP BY stream_id
      )
      SELECT (SELECT string_agg(c.rev::text, ',' ORDER BY c.sidx) FROM c),
             (SELECT string_agg(last.gp::text, ',' ORDER BY c.sidx) FROM c JOIN last USING (stream_id)),
             (SELECT max(last.tx)::text FROM last)`,
    // One stream, expected revision $2 (-1 = no stream): insert at $2 + 1.. only when revision $2
    // exists (an expectation ahead of the stream would leave a gap); a revision taken already
    // (stale expectation, racing writer) is refused by the unique (stream_id, stream_revision) index.
    appendOneCheckedName: `recert-es-append-one-checked-${tag}`,
    appendOneChecked: `
      INSERT INTO ${table} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
      SELECT $3::uuid, $1::text, $2::int + 1, $4::text, $5::int, $6::jsonb, $7::jsonb, $8::timestamptz
       WHERE $2::int = -1 OR EXISTS (SELECT 1 FROM ${table} e WHERE e.stream_id = $1::text AND e.stream_revision = $2::int)
      RETURNING global_position::text, tx_id::text`,
    // The same when revision $2 is known to exist (or is -1): a plain single-row INSERT.
    appendOneName: `recert-es-append-one-${tag}`,
    appendOne: `
      INSERT INTO ${table} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
      VALUES ($3::uuid, $1::text, $2::int + 1, $4::text, $5::int, $6::jsonb, $7::jsonb, $8::timestamptz)
      RETURNING global_position::text, tx_id::text`,
    appendStreamName: `recert-es-append-stream-${tag}`,
    appendStream: `
      INSERT INTO ${table} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at)
      SELECT u.event_id, $1::text, $2::int + u.ord::int, u.type, u.schema_version, u.data, u.metadata, $8::timestamptz
        FROM unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
             WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, ord)
       WHERE $2::int = -1 OR EXISTS (SELECT 1 FROM ${table} e WHERE e.stream_id = $1::text AND e.stream_revision = $2::int)
       ORDER BY u.ord
      RETURNING global_position::text, tx_id::text`,
    notifyName: `recert-es-notify`,
    notify: `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')`,
    readStreamName: `recert-es-read-stream-${tag}`,
    readStream: `SELECT ${cols} FROM ${table} e WHERE e.stream_id = $1 AND e.stream_revision >= $2 ORDER BY e.stream_revision`,
    readStreamsName: `recert-es-read-streams-${tag}`,
    readStreams: `SELECT ${cols} FROM ${table} e WHERE e.stream_id = ANY($1::text[]) ORDER BY e.stream_id, e.stream_revision`,
    readStreamsFromName: `recert-es-read-streams-from-${tag}`,
    // Each stream $1[i] from revision $2[i] on: the stream cache asks from the last event it holds.
    // One range of the (stream_id, stream_revision) index per stream, so only the events from that
    // revision on are fetched (filtering stream_id = ANY(...) by revision fetched every event of
    // every stream, more as streams grew). OFFSET 0 keeps the subquery a subquery: pulled up, it is
    // planned as a hash join over the whole table while the table is small, and the prepared plan
    // keeps that until the table is analyzed again.
    readStreamsFrom: `SELECT ${cols} FROM unnest($1::text[], $2::int[]) AS k(sid, from_revision)
                       CROSS JOIN LATERAL (SELECT * FROM ${table} e WHERE e.stream_id = k.sid AND e.stream_revision >= k.from_revision OFFSET 0) e
                       ORDER BY e.stream_id, e.stream_revision`,
    readAllName: `recert-es-read-all-${tag}`,
    // Only transactions below the snapshot's xmin are final: nothing can commit behind them later.
    // ORDER BY names the table's columns (e.): the output columns of the same name are text.
    readAll: `SELECT ${cols} FROM ${table} e
               WHERE (e.tx_id, e.global_position) > ($1::xid8, $2::bigint)
                 AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
               ORDER BY e.tx_id, e.global_position LIMIT $3`,
  };
}

class SubscriptionLoop implements Subscription {
  readonly caughtUp: Promise<void>;
  readonly done: Promise<void>;
  private resolveCaughtUp!: () => void;
  private stopped = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(
    private readonly store: PostgresEventStore,
    private checkpoint: Position,
    private readonly handler: BatchHandler,
    private readonly options: { batchSize: number; pollIntervalMs: number; onError?: (error: unknown) => void },
  ) {
    this.caughtUp = new Promise((resolve) => (this.resolveCaughtUp = resolve));
    this.done = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.done;
  }

  private async run(): Promise<void> {
    // After a wake-up that found nothing, the new events are probably held back by an older open
    // transaction (anywhere in the cluster): look again soon instead of after a full poll interval.
    let heldBackUntil = 0;
    let retryMs = 0;
    while (!this.stopped) {
      const woken = this.woken;
      this.woken = false;
      let events: RecordedEvent[];
      try {
        events = await this.store.readAll(this.checkpoint, this.options.batchSize);
        if (events.length > 0 && !this.stopped) {
          const checkpoint = events[events.length - 1].position;
          await this.handler(events, checkpoint);
          this.checkpoint = checkpoint;
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.pause();
        continue;
      }
      if (events.length > 0) heldBackUntil = 0;
      else if (woken) {
        heldBackUntil = Date.now() + this.options.pollIntervalMs;
        retryMs = 10;
      }
      if (events.length < this.options.batchSize) {
        this.resolveCaughtUp();
        if (events.length === 0 && Date.now() < heldBackUntil) {
          retryMs = Math.min(retryMs * 2, 1000);
          await this.pause(retryMs);
        } else {
          await this.pause();
        }
      }
    }
  }

  /** Waits for a notification or the polling interval, whichever comes first. */
  private async pause(ms = this.options.pollIntervalMs): Promise<void> {
    if (this.stopped || this.woken) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}

/** A dedicated connection LISTENing for appends; reconnects on failure (polling covers the gap). */
class Listener {
  private client: Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  start(): void {
    this.connecting = this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.pool.options);
    client.on('notification', () => this.onNotify());
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.channel)}`);
      // Appends that committed while we were not listening: wake readers once.
      this.onNotify();
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.connecting = this.connect();
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

