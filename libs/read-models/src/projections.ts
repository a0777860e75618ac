import type { EventStore, Position } from '@recert/event-store';
import type { DataSource } from 'typeorm';
import { comparePositions } from './position';
import type { ParkedStream, ProjectionState, ProjectionStatus } from './projection';

export interface ProjectionsOptions {
  dataSource: DataSource;
  store: EventStore;
  /** The projections this app runs; status and waits cover these. */
  names: string[];
  /** Table of the PostgreSQL event store, to find an event's transaction id by its global position. */
  eventsTable?: string;
  /** How often waiters re-read the checkpoints (one query per tick, shared by all waiters). */
  pollMs?: number;
}

interface Waiter {
  target: Position;
  names: string[];
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

interface StatusRow {
  projection: string;
  version: number;
  tx_id: string;
  global_position: string;
  owner: string | null;
  lease_until: Date | null;
  lease_live: boolean;
  status: ProjectionState;
  last_error: string | null;
  last_error_at: Date | null;
  rebuild_version: number | null;
  rebuild_tx_id: string | null;
  rebuild_global_position: string | null;
  rebuild_events_done: string | null;
  rebuild_started_at: Date | null;
  parked: number;
}

/**
 * What operators and request handlers ask of the projections, from any process: status for
 * /projections, lag for /health and /metrics, parked streams, retry and rebuild requests (the
 * owning runner carries them out), and read-your-writes waits.
 */
export class Projections {
  private readonly dataSource: DataSource;
  private readonly store: EventStore;
  private readonly names: string[];
  private readonly eventsTable: string;
  private readonly pollMs: number;
  private readonly waiters = new Set<Waiter>();
  private polling: Promise<void> | null = null;

  constructor(options: ProjectionsOptions) {
    this.dataSource = options.dataSource;
    this.store = options.store;
    this.names = options.names;
    this.eventsTable = options.eventsTable ?? 'events';
    this.pollMs = options.pollMs ?? 10;
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.head();
    const rows: StatusRow[] = await this.dataSource.query(
      `SELECT c.projection, c.version, c.tx_id::text, c.global_position::text, c.owner, c.lease_until,
              coalesce(c.lease_until > now(), false) AS lease_live, c.status, c.last_error, c.last_error_at,
              c.rebuild_version, c.rebuild_tx_id::text, c.rebuild_global_position::text,
              c.rebuild_events_done::text, c.rebuild_started_at,
              (SELECT count(*)::int FROM projection_parked_streams p
                WHERE p.projection = c.projection AND p.generation = 'live') AS parked
         FROM projection_checkpoints c WHERE c.projection = ANY($1::text[])`,
      [this.names],
    );
    return this.names.map((name) => {
      const row = rows.find((candidate) => candidate.projection === name);
      if (!row) {
        return {
          name,
          version: 0,
          status: 'stopped',
          position: { txId: '0', globalPosition: '0' },
          head,
          lag: estimateLag(head, { txId: '0', globalPosition: '0' }),
          owner: null,
          leaseUntil: null,
          lastError: null,
          lastErrorAt: null,
          parkedStreams: 0,
          rebuild: null,
        };
      }
      const position = { txId: row.tx_id, globalPosition: row.global_position };
      // A runner that died without releasing still shows as owner until its lease runs out.
      const status: ProjectionState = row.status !== 'stopped' && !row.lease_live ? 'stopped' : row.status;
      return {
        name,
        version: row.version,
        status,
        position,
        head,
        lag: estimateLag(head, position),
        owner: row.owner,
        leaseUntil: row.lease_until?.toISOString() ?? null,
        lastError: row.last_error,
        lastErrorAt: row.last_error_at?.toISOString() ?? null,
        parkedStreams: row.parked,
        rebuild:
          row.rebuild_version === null
            ? null
            : {
                version: row.rebuild_version,
                position: { txId: row.rebuild_tx_id ?? '0', globalPosition: row.rebuild_global_position ?? '0' },
                eventsDone: Number(row.rebuild_events_done ?? 0),
                startedAt: row.rebuild_started_at?.toISOString() ?? '',
              },
      };
    });
  }

  /** The largest lag over all projections: the /health and /metrics figure. */
  async maxLag(): Promise<number> {
    const statuses = await this.status();
    return Math.max(0, ...statuses.map((status) => status.lag));
  }

  async parkedStreams(projection?: string): Promise<ParkedStream[]> {
    const rows: Array<Record<string, string | number | Date | null>> = await this.dataSource.query(
      `SELECT projection, stream_id, from_revision, event_id, event_type, tx_id::text, global_position::text,
              parked_events, last_tx_id::text, last_global_position::text, error, parked_at, retry_requested_at
         FROM projection_parked_streams p
        WHERE generation = 'live' AND projection = ANY($1::text[])
        ORDER BY p.projection, p.tx_id, p.global_position`,
      [projection ? [projection] : this.names],
    );
    return rows.map((row) => ({
      projection: String(row.projection),
      streamId: String(row.stream_id),
      fromRevision: Number(row.from_revision),
      eventId: String(row.event_id),
      eventType: String(row.event_type),
      position: { txId: String(row.tx_id), globalPosition: String(row.global_position) },
      parkedEvents: Number(row.parked_events),
      lastPosition: { txId: String(row.last_tx_id), globalPosition: String(row.last_global_position) },
      error: String(row.error),
      parkedAt: (row.parked_at as Date).toISOString(),
      retryRequestedAt: row.retry_requested_at ? (row.retry_requested_at as Date).toISOString() : null,
    }));
  }

  /**
   * Asks the owning runner to retry parked streams (all of the projection's, or one), after the
   * fix is deployed. Resolves with how many streams were marked; the retry happens on its next step.
   */
  async retryParked(projection: string, streamId?: string): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE projection_parked_streams SET retry_requested_at = now()
        WHERE projection = $1 AND ($2::text IS NULL OR stream_id = $2)`,
      [projection, streamId ?? null],
    )) as [unknown[], number];
    return count;
  }

  /** Asks the owning runner to rebuild the projection into fresh tables and swap them in. */
  async requestRebuild(projection: string): Promise<void> {
    const [, count] = (await this.dataSource.query(
      `UPDATE projection_checkpoints SET rebuild_requested_at = now() WHERE projection = $1`,
      [projection],
    )) as [unknown[], number];
    if (count === 0) throw new Error(`Projection ${projection} has never run, so there is nothing to rebuild.`);
  }

  /**
   * Resolves true once the checkpoints of `projections` (default: all) have passed the event at
   * `position`, false after `timeoutMs`. A bare global position is looked up for its transaction
   * id first, since checkpoints are ordered by (txId, globalPosition).
   */
  async waitForPosition(
    position: Position | string,
    timeoutMs: number,
    projections: string | string[] = this.names,
  ): Promise<boolean> {
    const target = typeof position === 'string' ? await this.positionOf(position) : position;
    const names = typeof projections === 'string' ? [projections] : projections;
    if (await this.reached(target, names)) return true;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        target,
        names,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.polling ??= this.poll();
    });
  }

  /** Ends every pending wait (with false) and the polling behind them. */
  async close(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
    if (this.polling) await this.polling;
  }

  private async positionOf(globalPosition: string): Promise<Position> {
    const rows: Array<{ tx_id: string }> = await this.dataSource.query(
      `SELECT tx_id::text AS tx_id FROM ${this.eventsTable} WHERE global_position = $1`,
      [globalPosition],
    );
    if (!rows[0]) throw new Error(`No event at global position ${globalPosition}.`);
    return { txId: rows[0].tx_id, globalPosition };
  }

  private async reached(target: Position, names: string[]): Promise<boolean> {
    const checkpoints = await this.checkpoints();
    return names.every((name) => {
      const at = checkpoints.get(name);
      return at !== undefined && comparePositions(at, target) >= 0;
    });
  }

  private async checkpoints(): Promise<Map<string, Position>> {
    const rows: Array<{ projection: string; tx_id: string; global_position: string }> = await this.dataSource.query(
      `SELECT projection, tx_id::text, global_position::text FROM projection_checkpoints`,
    );
    return new Map(rows.map((row) => [row.projection, { txId: row.tx_id, globalPosition: row.global_position }]));
  }

  /** One checkpoint query per tick serves every waiting request. */
  private async poll(): Promise<void> {
    try {
      while (this.waiters.size > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.pollMs));
        let checkpoints: Map<string, Position>;
        try {
          checkpoints = await this.checkpoints();
        } catch {
          continue; // A database blip; the waiters' own timeouts bound the wait.
        }
        for (const waiter of this.waiters) {
          const done = waiter.names.every((name) => {
            const at = checkpoints.get(name);
            return at !== undefined && comparePositions(at, waiter.target) >= 0;
          });
          if (done) {
            clearTimeout(waiter.timer);
            this.waiters.delete(waiter);
            waiter.resolve(true);
          }
        }
      }
    } finally {
      this.polling = null;
    }
  }
}

function estimateLag(head: Position, at: Position): number {
  if (comparePositions(at, head) >= 0) return 0;
  return Math.max(1, Number(BigInt(head.globalPosition) - BigInt(at.globalPosition)));
}
