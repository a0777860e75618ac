import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { START, type EventStore, type Position, type RecordedEvent } from '@recert/event-store';
import type { DataSource, QueryRunner } from 'typeorm';
import { namedQuery } from './data-source';
import { comparePositions, samePosition } from './position';
import type { Projection } from './projection';
import type { LogReader } from './shared-log-reader';
import {
  buildDeferredIndexes,
  createShadowTables,
  placeTables,
  quoteIdent,
  searchPathOf,
  shadowSchemaName,
  swapShadowTables,
  tableNamesOf,
  type TablePlacement,
} from './shadow-tables';

/**
 * How a runner makes sure it is the only one writing a projection.
 * - `lease`: the checkpoint row carries an owner and an expiry, renewed with every batch. Works
 *   with a single connection, so it is the only choice in embedded mode (pool size 1).
 * - `advisory`: a session-level `pg_try_advisory_lock` held on a connection kept out of the pool
 *   for the runner's lifetime (failover is immediate when that session dies). Needs a pool larger
 *   than the number of projections.
 * Either way, every write is fenced by the owner column: a runner that lost its claim cannot commit.
 */
export type Exclusivity = 'lease' | 'advisory';

export interface ProjectionRunnerOptions {
  dataSource: DataSource;
  store: EventStore;
  /**
   * Where batches are read from; the store by default. The runners of one process pass one
   * `SharedLogReader`, so that each page of the log is read and parsed once for all of them.
   */
  reader?: LogReader;
  projection: Projection;
  exclusivity?: Exclusivity;
  /** Lease length; another instance takes over this long after the owner stops renewing. */
  leaseMs?: number;
  /** Events per live batch (default `DEFAULT_BATCH_SIZE`). */
  batchSize?: number;
  /**
   * Events per batch of a rebuild (default `DEFAULT_REBUILD_BATCH_SIZE`). A rebuild reads the whole
   * log and nothing waits on its progress event by event, so it takes bigger batches than the live
   * tables: fewer statements and commits per event, and a row touched by several events of a
   * batch is written once.
   */
  rebuildBatchSize?: number;
  /**
   * Events per live batch while the runner is behind, that is, right after a full live batch (a
   * worker starting on a long log, or after an outage): nothing waits on those events one by one
   * either. Default `DEFAULT_REBUILD_BATCH_SIZE`, or `batchSize` when that is given (tests that
   * ask for small batches keep them).
   */
  catchUpBatchSize?: number;
  /** Poll interval once caught up; `wake()` cuts it short after a local append. */
  idleMs?: number;
  /**
   * After a short live batch (the runner has reached the head while events keep coming), the
   * next step waits this long unless woken (default `DEFAULT_TRICKLE_MS`). A worker is not woken by
   * appends: under a steady stream of commands each of its runners then commits one fuller batch
   * per interval instead of one small transaction per command, which on 2 cores had the eight
   * runners and their statements taking more CPU than the commands themselves. In the API's own
   * process local appends wake the runners, so read-your-writes there waits for no interval.
   */
  trickleMs?: number;
  /** Pause after a failed step (database down, lost connection) before trying again. */
  retryDelayMs?: number;
  /** Identifies this instance in the checkpoint row; unique per runner by default. */
  owner?: string;
  logger?: Pick<Logger, 'warn' | 'error' | 'log'>;
}

export interface StepOutcome {
  /** False when another instance holds the projection; nothing was read or written. */
  owner: boolean;
  /** Events read and committed for the live tables. */
  live: number;
  /** Events read and committed for the tables being rebuilt. */
  rebuild: number;
  /** Parked streams retried (successfully or not). */
  retried: number;
  swapped: boolean;
}

export class LostOwnership extends Error {
  readonly code = 'PROJECTION_OWNERSHIP_LOST';
  constructor(readonly projection: string) {
    super(`Projection ${projection} is now run by another instance; this runner stops writing it.`);
    this.name = 'LostOwnership';
  }
}

/** A batch started from a checkpoint that has moved since: it was already applied. */
export class StaleCheckpoint extends Error {
  readonly code = 'PROJECTION_CHECKPOINT_STALE';
  constructor(readonly projection: string, readonly from: Position) {
    super(`Projection ${projection} is no longer at ${from.txId}/${from.globalPosition}; the batch was not applied again.`);
    this.name = 'StaleCheckpoint';
  }
}

type Generation = 'live' | 'rebuild';

/** After a wake-up whose events were not readable yet, how long and how often to look again. */
const HELD_BACK_WINDOW_MS = 100;
const HELD_BACK_POLL_MS = 5;
/** Events read per batch: every projector is set-based, so a batch costs a few statements, whatever its size. */
export const DEFAULT_BATCH_SIZE = 2_000;
/**
 * A worker's runners under load commit a batch every this many ms (see `trickleMs`): the read
 * models trail a steady stream of commands by about this much, well inside issue 4's second, and
 * the worker and its statements take about a tenth less of the machine per command than at 50 ms
 * (ADR 14).
 */
export const DEFAULT_TRICKLE_MS = 200;
/** Events per rebuild batch (ADR 9: 8,000 against 2,000 took about a tenth off a rebuild, 20,000 no more). */
export const DEFAULT_REBUILD_BATCH_SIZE = 8_000;
/** maintenance_work_mem for building a rebuild's deferred indexes: sorts in memory rather than on disk. */
const INDEX_BUILD_MEMORY = '256MB';

interface CheckpointRow {
  version: number;
  owner: string | null;
  tx_id: string;
  global_position: string;
  rebuild_requested_at: Date | null;
  rebuild_version: number | null;
  rebuild_tx_id: string | null;
  rebuild_global_position: string | null;
  retry_requested: boolean;
}

const CHECKPOINT_COLUMNS = `version, owner, tx_id::text, global_position::text, rebuild_requested_at, rebuild_version,
  rebuild_tx_id::text, rebuild_global_position::text`;

/**
 * Runs one projection: reads the log in commit-safe order from its checkpoint and commits each
 * batch's rows together with the checkpoint, as a compare-and-set on the old checkpoint and the
 * owner. Call `start()` for the daemon loop, or `step()` to drive it by hand (tests, CLI).
 */
export class ProjectionRunner {
  readonly projection: Projection;
  readonly owner: string;
  private readonly dataSource: DataSource;
  private readonly store: EventStore;
  /** The live and the shadow cursor read the log apart (through followers of a shared reader). */
  private readonly liveCursor: Cursor;
  private readonly shadowCursor: Cursor;
  private readonly exclusivity: Exclusivity;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly trickleMs: number;
  private readonly retryDelayMs: number;
  private readonly logger: Pick<Logger, 'warn' | 'error' | 'log'>;

  private owned = false;
  private lockSession: QueryRunner | null = null;
  private leaseRenewAt = 0;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private lastWakeAt = 0;
  private placements: TablePlacement[] | null = null;
  private session: { searchPath: string; lz4: boolean } | null = null;

  constructor(options: ProjectionRunnerOptions) {
    this.dataSource = options.dataSource;
    this.store = options.store;
    const reader: LogReader = options.reader ?? options.store;
    this.projection = options.projection;
    this.exclusivity = options.exclusivity ?? 'lease';
    this.leaseMs = options.leaseMs ?? 30_000;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const catchUpBatchSize = options.catchUpBatchSize ?? (options.batchSize === undefined ? DEFAULT_REBUILD_BATCH_SIZE : this.batchSize);
    this.liveCursor = new Cursor(reader.follower?.() ?? reader, this.batchSize, catchUpBatchSize);
    this.shadowCursor = new Cursor(reader.follower?.() ?? reader, options.rebuildBatchSize ?? DEFAULT_REBUILD_BATCH_SIZE);
    this.idleMs = options.idleMs ?? 100;
    this.trickleMs = options.trickleMs ?? DEFAULT_TRICKLE_MS;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.logger = options.logger ?? new Logger(`Projection ${options.projection.name}`);
  }

  get running(): boolean {
    return this.loop !== null;
  }

  get isOwner(): boolean {
    return this.owned;
  }

  /** Starts the daemon loop; a second instance waits as a standby until the owner goes away. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.runLoop();
  }

  /** Stops after the current batch and hands the projection over to the next instance. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    if (this.loop) await this.loop;
    this.loop = null;
    await this.relinquish();
  }

  /**
   * Ends the idle wait early, e.g. right after this process appended events. Wake-ups coalesce:
   * while a step runs, any number of them make one more step after it, not one each.
   */
  wake(): void {
    this.woken = true;
    this.lastWakeAt = Date.now();
    this.wakeUp?.();
  }

  /** Steps until a step reads nothing. Throws if another instance owns the projection. */
  async catchUp(): Promise<void> {
    for (;;) {
      const outcome = await this.step();
      if (!outcome.owner) throw new LostOwnership(this.projection.name);
      if (outcome.live === 0 && outcome.rebuild === 0 && outcome.retried === 0 && !outcome.swapped) return;
    }
  }

  /**
   * One pass: claim or renew ownership, serve retry and rebuild requests, commit one live batch
   * and, while rebuilding, one batch of the shadow tables.
   */
  async step(): Promise<StepOutcome> {
    const outcome: StepOutcome = { owner: false, live: 0, rebuild: 0, retried: 0, swapped: false };
    if (!(await this.claim())) return outcome;
    outcome.owner = true;
    try {
      let row = await this.checkpoint();
      if (row.retry_requested) outcome.retried = await this.retryParkedStreams(row);
      if (this.rebuildDue(row)) {
        await this.startRebuild();
        row = await this.checkpoint();
      }
      const live = positionOf(row.tx_id, row.global_position);
      const liveEvents = await this.liveCursor.read(live);
      if (liveEvents.length > 0) {
        await this.commitBatch('live', liveEvents, live);
        outcome.live = liveEvents.length;
      }
      if (row.rebuild_version !== null) {
        const target = liveEvents.length > 0 ? liveEvents[liveEvents.length - 1].position : live;
        const shadowAt = positionOf(row.rebuild_tx_id ?? '0', row.rebuild_global_position ?? '0');
        const shadowEvents = (await this.shadowCursor.read(shadowAt)).filter(
          (event) => comparePositions(event.position, target) <= 0,
        );
        if (shadowEvents.length > 0) {
          await this.commitBatch('rebuild', shadowEvents, shadowAt);
          outcome.rebuild = shadowEvents.length;
        } else if (samePosition(shadowAt, target)) {
          await this.swap(target);
          outcome.swapped = true;
        }
      }
      if (outcome.live === 0 && outcome.rebuild === 0) await this.renewLeaseIfDue();
      return outcome;
    } catch (error) {
      if (error instanceof LostOwnership || error instanceof StaleCheckpoint) {
        this.logger.warn(error.message);
        await this.dropClaim();
        return { ...outcome, owner: false };
      }
      throw error;
    }
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      let busy = false;
      let trickle = false;
      let standby = false;
      // Cleared before the read: a wake-up from here on means events this step may not see.
      this.woken = false;
      try {
        const outcome = await this.step();
        busy = outcome.live > 0 || outcome.rebuild > 0 || outcome.swapped;
        trickle = outcome.live > 0 && outcome.live < this.batchSize && outcome.rebuild === 0 && !outcome.swapped;
        standby = !outcome.owner;
      } catch (error) {
        this.logger.error(`Step failed, retrying in ${this.retryDelayMs} ms: ${describe(error)}`);
        await this.recordFailure(error);
        await this.pause(this.retryDelayMs);
        continue;
      }
      if (busy) {
        if (trickle && !this.woken) await this.pause(this.trickleMs);
        continue;
      }
      // A standby only needs to notice when the owner's lease runs out.
      if (standby) await this.pause(Math.max(this.idleMs, Math.min(this.leaseMs / 10, 1_000)));
      // Woken during the step, however many times: one more step.
      else if (this.woken) continue;
      // Woken lately but found nothing: an older open transaction holds the commit-safe horizon
      // back for a moment, so look again soon rather than after the idle wait.
      else await this.pause(Date.now() - this.lastWakeAt < HELD_BACK_WINDOW_MS ? HELD_BACK_POLL_MS : this.idleMs);
    }
  }

  private async pause(ms: number): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = null;
  }

  // --- ownership -------------------------------------------------------------------------

  private async claim(): Promise<boolean> {
    if (this.owned && this.exclusivity === 'advisory' && this.lockSession?.isReleased) {
      // The lock's session died, so the lock is gone; claim it again like a newcomer.
      this.owned = false;
      this.lockSession = null;
    }
    if (this.owned) return true;
    await this.dataSource.query(
      `INSERT INTO projection_checkpoints (projection, version, status) VALUES ($1, $2, 'stopped')
       ON CONFLICT (projection) DO NOTHING`,
      [this.projection.name, this.projection.version],
    );
    if (this.exclusivity === 'advisory' && !(await this.takeAdvisoryLock())) return false;
    const takeover = this.exclusivity === 'lease' ? 'AND (owner IS NULL OR owner = $2 OR lease_until < now())' : '';
    const [rows] = (await this.dataSource.query(
      `UPDATE projection_checkpoints
          SET owner = $2, lease_until = now() + $3 * interval '1 millisecond', updated_at = now(),
              status = CASE WHEN rebuild_version IS NULL THEN 'running' ELSE 'rebuilding' END
        WHERE projection = $1 ${takeover}
        RETURNING projection`,
      [this.projection.name, this.owner, this.leaseMs],
    )) as [unknown[], number];
    if (rows.length === 0) return false;
    this.owned = true;
    this.leaseRenewAt = Date.now() + this.leaseMs / 3;
    this.logger.log(`Owned by ${this.owner}.`);
    return true;
  }

  private async takeAdvisoryLock(): Promise<boolean> {
    if (this.lockSession && !this.lockSession.isReleased) return true;
    const session = this.dataSource.createQueryRunner();
    await session.connect();
    const rows: Array<{ locked: boolean }> = await session.query(
      `SELECT pg_try_advisory_lock(hashtextextended('recert.projection:' || $1, 0)) AS locked`,
      [this.projection.name],
    );
    if (rows[0].locked) {
      this.lockSession = session;
      return true;
    }
    await session.release();
    return false;
  }

  private async renewLeaseIfDue(): Promise<void> {
    if (Date.now() < this.leaseRenewAt) return;
    const [rows] = (await this.dataSource.query(
      `UPDATE projection_checkpoints
          SET lease_until = now() + $3 * interval '1 millisecond',
              status = CASE WHEN rebuild_version IS NULL THEN 'running' ELSE 'rebuilding' END
        WHERE projection = $1 AND owner = $2 RETURNING projection`,
      [this.projection.name, this.owner, this.leaseMs],
    )) as [unknown[], number];
    if (rows.length === 0) throw new LostOwnership(this.projection.name);
    this.leaseRenewAt = Date.now() + this.leaseMs / 3;
  }

  private async dropClaim(): Promise<void> {
    this.owned = false;
    if (this.lockSession) {
      const session = this.lockSession;
      this.lockSession = null;
      if (!session.isReleased) {
        await session.query(`SELECT pg_advisory_unlock(hashtextextended('recert.projection:' || $1, 0))`, [
          this.projection.name,
        ]);
        await session.release();
      }
    }
  }

  private async relinquish(): Promise<void> {
    if (!this.owned) return;
    await this.dataSource.query(
      `UPDATE projection_checkpoints SET owner = NULL, lease_until = NULL, status = 'stopped', updated_at = now()
        WHERE projection = $1 AND owner = $2`,
      [this.projection.name, this.owner],
    );
    await this.dropClaim();
  }

  private async recordFailure(error: unknown): Promise<void> {
    try {
      await this.dataSource.query(
        `UPDATE projection_checkpoints SET status = 'failed', last_error = $3, last_error_at = now(), updated_at = now()
          WHERE projection = $1 AND owner = $2`,
        [this.projection.name, this.owner, describe(error)],
      );
      this.leaseRenewAt = 0; // the next good step clears the failed status
    } catch {
      // The database is what failed; the loop logged it and will record the next error it can.
    }
  }

  private async checkpoint(): Promise<CheckpointRow> {
    const { rows } = await namedQuery<CheckpointRow>(
      this.dataSource,
      'recert-projection-checkpoint',
      `SELECT ${CHECKPOINT_COLUMNS},
              EXISTS (SELECT 1 FROM projection_parked_streams p
                       WHERE p.projection = c.projection AND p.retry_requested_at IS NOT NULL) AS retry_requested
         FROM projection_checkpoints c WHERE projection = $1`,
      [this.projection.name],
    );
    const row = rows[0];
    if (!row || row.owner !== this.owner) throw new LostOwnership(this.projection.name);
    return row;
  }

  // --- batches ---------------------------------------------------------------------------

  /**
   * Applies `events` and moves the checkpoint from `from` to the last event's position in one
   * transaction. An event whose apply throws parks its stream; later events of a parked stream
   * are held back and counted, never applied out of order and never dropped silently. A batch
   * from a checkpoint that has moved writes nothing and throws StaleCheckpoint.
   */
  async commit(events: RecordedEvent[], from: Position): Promise<void> {
    if (!(await this.claim())) throw new LostOwnership(this.projection.name);
    await this.commitBatch('live', events, from);
  }

  private async commitBatch(generation: Generation, events: RecordedEvent[], from: Position): Promise<void> {
    assertCommitOrder(this.projection.name, events, from);
    const to = events[events.length - 1].position;
    const relevant = events.filter((event) => this.projection.handles(event.type));
    if (relevant.length === 0) {
      // None of the batch is this projection's (most runners, most of the time, under a stream of
      // commands of one kind): no rows to write and no parked stream to hold anything back, so
      // the checkpoint moves in one statement instead of a transaction of four.
      await this.moveCheckpoint(this.dataSource, generation, from, to, events.length);
      return;
    }
    await this.inTransaction(generation, async (runner) => {
      const parkedBefore = await this.parkedAmong(runner, generation, relevant);
      const fresh = relevant.filter((event) => !parkedBefore.has(event.streamId));
      // Stream id -> revision of the event that failed in this batch.
      const parkedNow = new Map<string, number>();
      await this.applyOrPark(runner, generation, fresh, parkedNow);
      await this.holdBack(
        runner,
        generation,
        relevant.filter((event) => {
          const failedAt = parkedNow.get(event.streamId);
          return parkedBefore.has(event.streamId) || (failedAt !== undefined && event.streamRevision > failedAt);
        }),
      );
      await this.moveCheckpoint(runner, generation, from, to, events.length);
    }, 'relaxed');
  }

  /**
   * Applies `events` set-based in one call. If that throws, the batch is split in halves applied
   * in order (each in its own savepoint), down to the single event that fails: that event's stream
   * is parked and its later events are left out of the halves still to come. Every other event is
   * applied, in the log's order, at the cost of O(failures x log(batch)) extra calls, not one per event.
   */
  private async applyOrPark(
    runner: QueryRunner,
    generation: Generation,
    events: RecordedEvent[],
    parkedNow: Map<string, number>,
  ): Promise<void> {
    const pending = events.filter((event) => !parkedNow.has(event.streamId));
    if (pending.length === 0) return;
    const outcome = await this.attempt(runner, 'batch', () => this.projection.apply(pending, runner.manager));
    if (outcome.ok) return;
    if (pending.length === 1) {
      const [event] = pending;
      await this.park(runner, generation, event!, outcome.error);
      parkedNow.set(event!.streamId, event!.streamRevision);
      return;
    }
    const half = Math.ceil(pending.length / 2);
    await this.applyOrPark(runner, generation, pending.slice(0, half), parkedNow);
    await this.applyOrPark(runner, generation, pending.slice(half), parkedNow);
  }

  /** Runs `work` inside a savepoint; a failure rolls back only its own writes. */
  private async attempt(
    runner: QueryRunner,
    savepoint: string,
    work: () => Promise<void>,
  ): Promise<{ ok: true } | { ok: false; error: unknown }> {
    await runner.query(`SAVEPOINT ${savepoint}`);
    try {
      await work();
      await runner.query(`RELEASE SAVEPOINT ${savepoint}`);
      return { ok: true };
    } catch (error) {
      try {
        await runner.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      } catch {
        // The session itself is gone (crash, terminated backend): not the event's fault, so the
        // whole batch fails and is retried from the unchanged checkpoint.
        throw error;
      }
      return { ok: false, error };
    }
  }

  private async parkedAmong(runner: QueryRunner, generation: Generation, events: RecordedEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const { rows } = await namedQuery<{ stream_id: string }>(
      runner,
      'recert-projection-parked-among',
      `SELECT stream_id FROM projection_parked_streams
        WHERE projection = $1 AND generation = $2 AND stream_id = ANY($3::text[])`,
      [this.projection.name, generation, [...new Set(events.map((event) => event.streamId))]],
    );
    return new Set(rows.map((row) => row.stream_id));
  }

  private async park(runner: QueryRunner, generation: Generation, event: RecordedEvent, error: unknown): Promise<void> {
    this.logger.warn(
      `Parked stream ${event.streamId} at revision ${event.streamRevision} (${event.type}): ${describe(error)}`,
    );
    await runner.query(
      `INSERT INTO projection_parked_streams
         (projection, generation, stream_id, from_revision, event_id, event_type, tx_id, global_position,
          last_tx_id, last_global_position, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8, $9)`,
      [
        this.projection.name,
        generation,
        event.streamId,
        event.streamRevision,
        event.metadata.eventId,
        event.type,
        event.position.txId,
        event.position.globalPosition,
        describe(error),
      ],
    );
  }

  /** Counts `events` as held back on their parked streams, and moves each stream's last position, in one statement. */
  private async holdBack(runner: QueryRunner, generation: Generation, events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const perStream = new Map<string, { count: number; last: Position }>();
    for (const event of events) {
      const seen = perStream.get(event.streamId);
      perStream.set(event.streamId, { count: (seen?.count ?? 0) + 1, last: event.position });
    }
    const streams = [...perStream.keys()];
    await runner.query(
      `UPDATE projection_parked_streams p
          SET parked_events = p.parked_events + h.count, last_tx_id = h.tx_id, last_global_position = h.global_position
         FROM unnest($3::text[], $4::int[], $5::bigint[], $6::bigint[]) AS h(stream_id, count, tx_id, global_position)
        WHERE p.projection = $1 AND p.generation = $2 AND p.stream_id = h.stream_id`,
      [
        this.projection.name,
        generation,
        streams,
        streams.map((id) => perStream.get(id)!.count),
        streams.map((id) => perStream.get(id)!.last.txId),
        streams.map((id) => perStream.get(id)!.last.globalPosition),
      ],
    );
  }

  private async moveCheckpoint(
    runner: DataSource | QueryRunner,
    generation: Generation,
    from: Position,
    to: Position,
    count: number,
  ): Promise<void> {
    const [tx, gp] = generation === 'live' ? ['tx_id', 'global_position'] : ['rebuild_tx_id', 'rebuild_global_position'];
    const progress = generation === 'rebuild' ? ', rebuild_events_done = rebuild_events_done + $8' : '';
    const params = [this.projection.name, this.owner, from.txId, from.globalPosition, to.txId, to.globalPosition, this.leaseMs];
    const { rows } = await namedQuery(
      runner,
      `recert-projection-move-${generation}`,
      `UPDATE projection_checkpoints
          SET ${tx} = $5, ${gp} = $6, lease_until = now() + $7 * interval '1 millisecond', updated_at = now(),
              status = CASE WHEN rebuild_version IS NULL THEN 'running' ELSE 'rebuilding' END ${progress}
        WHERE projection = $1 AND owner = $2 AND ${tx} = $3 AND ${gp} = $4
        RETURNING projection`,
      generation === 'rebuild' ? [...params, count] : params,
    );
    if (rows.length === 0) {
      const mine: unknown[] = await runner.query(
        'SELECT 1 FROM projection_checkpoints WHERE projection = $1 AND owner = $2',
        [this.projection.name, this.owner],
      );
      throw mine.length > 0 ? new StaleCheckpoint(this.projection.name, from) : new LostOwnership(this.projection.name);
    }
    this.leaseRenewAt = Date.now() + this.leaseMs / 3;
  }

  /**
   * `durability: 'relaxed'` is for batch transactions only. It commits with synchronous_commit off:
   * the commit returns before its WAL is flushed, so a crash of PostgreSQL may lose the last few
   * batches (up to three wal_writer_delay). That loses nothing: the rows and the checkpoint are in
   * the same transaction, so they are lost together, the checkpoint is back where those batches
   * started, and the runner reads and applies the same events again from the log, whose appends
   * commit durably. WAL is replayed in order, so no later (durable) commit survives an earlier lost
   * one. A reader may have seen the lost rows; they come back, the same, when the batch is reapplied.
   */
  private async inTransaction<T>(
    generation: Generation,
    work: (runner: QueryRunner) => Promise<T>,
    durability: 'durable' | 'relaxed' = 'durable',
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const session = await this.sessionFacts(runner);
      const settings: Array<[string, string]> = [];
      // Unqualified table names now resolve to the shadow copies first.
      if (generation === 'rebuild') settings.push(['search_path', `${quoteIdent(await this.shadowSchema(runner))}, ${session.searchPath}`]);
      if (durability === 'relaxed') settings.push(['synchronous_commit', 'off']);
      // Read-model rows with jsonb state often pass the 2 kB TOAST threshold: lz4 compresses them
      // several times faster than the default pglz, and reads back faster too.
      if (session.lz4) settings.push(['default_toast_compression', 'lz4']);
      if (settings.length > 0) {
        await namedQuery(
          runner,
          `recert-projection-settings-${settings.map(([name]) => name.slice(0, 6)).join('-')}`,
          `SELECT ${settings.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`,
          settings.flat(),
        );
      }
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive && !runner.isReleased) {
        try {
          await runner.rollbackTransaction();
        } catch {
          // A dead session rolls back on its own.
        }
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The pool's search_path (every connection of the DataSource has the same) and whether the server has lz4; asked once. */
  private async sessionFacts(runner: QueryRunner): Promise<{ searchPath: string; lz4: boolean }> {
    if (!this.session) {
      const rows: Array<{ lz4: boolean | null }> = await runner.query(
        `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
      );
      this.session = { searchPath: await searchPathOf(runner), lz4: rows[0]?.lz4 === true };
    }
    return this.session;
  }

  // --- parked streams ----------------------------------------------------------------------

  private async retryParkedStreams(row: CheckpointRow): Promise<number> {
    const parked: Array<{ generation: Generation; stream_id: string; from_revision: number }> = await this.dataSource.query(
      `SELECT generation, stream_id, from_revision FROM projection_parked_streams
        WHERE projection = $1 AND retry_requested_at IS NOT NULL ORDER BY tx_id, global_position`,
      [this.projection.name],
    );
    for (const stream of parked) {
      const upTo =
        stream.generation === 'live'
          ? positionOf(row.tx_id, row.global_position)
          : positionOf(row.rebuild_tx_id ?? '0', row.rebuild_global_position ?? '0');
      // Only what the checkpoint has passed; later events of the stream arrive in order anyway.
      const events = (await this.store.readStream(stream.stream_id, stream.from_revision)).filter(
        (event) =>
          event.streamRevision >= stream.from_revision &&
          comparePositions(event.position, upTo) <= 0 &&
          this.projection.handles(event.type),
      );
      await this.inTransaction(stream.generation, async (runner) => {
        const [owned] = (await runner.query(
          `UPDATE projection_checkpoints SET updated_at = now() WHERE projection = $1 AND owner = $2 RETURNING projection`,
          [this.projection.name, this.owner],
        )) as [unknown[], number];
        if (owned.length === 0) throw new LostOwnership(this.projection.name);
        const retried = await this.attempt(runner, 'retry', () => this.projection.apply(events, runner.manager));
        if (retried.ok) {
          await runner.query(
            `DELETE FROM projection_parked_streams WHERE projection = $1 AND generation = $2 AND stream_id = $3`,
            [this.projection.name, stream.generation, stream.stream_id],
          );
          this.logger.log(`Stream ${stream.stream_id} unparked after ${events.length} events applied.`);
        } else {
          await runner.query(
            `UPDATE projection_parked_streams SET error = $4, retry_requested_at = NULL
              WHERE projection = $1 AND generation = $2 AND stream_id = $3`,
            [this.projection.name, stream.generation, stream.stream_id, describe(retried.error)],
          );
          this.logger.warn(`Retry of stream ${stream.stream_id} failed again: ${describe(retried.error)}`);
        }
      });
    }
    return parked.length;
  }

  // --- rebuild -----------------------------------------------------------------------------

  private rebuildDue(row: CheckpointRow): boolean {
    if (row.rebuild_version === null) return row.rebuild_requested_at !== null || row.version !== this.projection.version;
    return row.rebuild_version !== this.projection.version;
  }

  private async startRebuild(): Promise<void> {
    await this.inTransaction('live', async (runner) => {
      const shadow = await this.shadowSchema(runner);
      await createShadowTables(runner, shadow, await this.livePlacements(runner));
      await runner.query(
        `DELETE FROM projection_parked_streams WHERE projection = $1 AND generation = 'rebuild'`,
        [this.projection.name],
      );
      const [rows] = (await runner.query(
        `UPDATE projection_checkpoints
            SET rebuild_version = $3, rebuild_tx_id = 0, rebuild_global_position = 0, rebuild_events_done = 0,
                rebuild_started_at = now(), rebuild_requested_at = NULL, status = 'rebuilding', updated_at = now()
          WHERE projection = $1 AND owner = $2 RETURNING projection`,
        [this.projection.name, this.owner, this.projection.version],
      )) as [unknown[], number];
      if (rows.length === 0) throw new LostOwnership(this.projection.name);
    });
    this.logger.log(`Rebuilding version ${this.projection.version} into fresh tables.`);
  }

  /**
   * Shadow and live are at the same position: the shadow tables get their deferred indexes and
   * become the live ones. The indexes are built first, before the checkpoint row is locked, and
   * lock only the shadow tables, which no one reads: the old tables serve reads until the commit.
   */
  private async swap(at: Position): Promise<void> {
    await this.inTransaction('live', async (runner) => {
      await runner.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [INDEX_BUILD_MEMORY]);
      const built = await buildDeferredIndexes(runner, await this.shadowSchema(runner), await this.livePlacements(runner));
      if (built > 0) this.logger.log(`Built ${built} deferred index(es) on the rebuilt tables.`);
      const [rows] = (await runner.query(
        `UPDATE projection_checkpoints
            SET version = rebuild_version, tx_id = rebuild_tx_id, global_position = rebuild_global_position,
                rebuild_version = NULL, rebuild_tx_id = NULL, rebuild_global_position = NULL,
                rebuild_events_done = NULL, rebuild_started_at = NULL, status = 'running', updated_at = now()
          WHERE projection = $1 AND owner = $2 AND tx_id = $3 AND global_position = $4
                AND rebuild_tx_id = $3 AND rebuild_global_position = $4
          RETURNING projection`,
        [this.projection.name, this.owner, at.txId, at.globalPosition],
      )) as [unknown[], number];
      if (rows.length === 0) throw new LostOwnership(this.projection.name);
      await swapShadowTables(runner, await this.shadowSchema(runner), await this.livePlacements(runner));
      await runner.query(`DELETE FROM projection_parked_streams WHERE projection = $1 AND generation = 'live'`, [
        this.projection.name,
      ]);
      await runner.query(
        `UPDATE projection_parked_streams SET generation = 'live' WHERE projection = $1 AND generation = 'rebuild'`,
        [this.projection.name],
      );
    });
    this.logger.log(`Rebuild swapped in at ${at.txId}/${at.globalPosition}.`);
  }

  private async livePlacements(runner: QueryRunner): Promise<TablePlacement[]> {
    this.placements ??= await placeTables(runner, tableNamesOf(this.dataSource, this.projection));
    return this.placements;
  }

  private async shadowSchema(runner: QueryRunner): Promise<string> {
    const [first] = await this.livePlacements(runner);
    return shadowSchemaName(first.liveSchema, this.projection.name);
  }
}

/**
 * One cursor's reads of the log, a page ahead: after a full page the next one is asked for at
 * once, so that reading it overlaps with applying and committing this one (a runner's batches
 * otherwise wait on each other end to end). A page read early is still a prefix of the log after
 * its position, which is all `readAll` promises. After a full page the reader is behind, and the
 * pages are `behindLimit` long until one comes back short.
 */
class Cursor {
  private ahead: { from: Position; limit: number; page: Promise<RecordedEvent[]> } | null = null;

  constructor(
    private readonly reader: LogReader,
    private readonly limit: number,
    private readonly behindLimit: number = limit,
  ) {}

  async read(from: Position): Promise<RecordedEvent[]> {
    const ahead = this.ahead && samePosition(this.ahead.from, from) ? this.ahead : null;
    this.ahead = null;
    const early = ahead ? await ahead.page.catch(() => null) : null;
    // A full page is final (below the commit-safe horizon); a short one may have grown since, and
    // a failed one may work now: both are read again, at the page's length.
    const asked = ahead ? ahead.limit : this.limit;
    const events = early?.length === asked ? early : await this.reader.readAll(from, asked);
    if (events.length === asked) {
      const next = events[events.length - 1].position;
      const page = this.reader.readAll(next, this.behindLimit);
      page.catch(() => undefined); // handled where it is awaited
      this.ahead = { from: next, limit: this.behindLimit, page };
    }
    return events;
  }
}

function positionOf(txId: string, globalPosition: string): Position {
  return txId === '0' && globalPosition === '0' ? START : { txId, globalPosition };
}

/** A batch out of commit order would move the checkpoint past events it never saw: refuse it. */
function assertCommitOrder(projection: string, events: RecordedEvent[], from: Position): void {
  let previous = from;
  for (const event of events) {
    if (comparePositions(event.position, previous) <= 0) {
      throw new Error(
        `Projection ${projection}: the event store returned ${event.position.txId}/${event.position.globalPosition} ` +
          `after ${previous.txId}/${previous.globalPosition}, out of commit order; nothing was written.`,
      );
    }
    previous = event.position;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
