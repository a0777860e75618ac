/**
 * (c) The limit: plain `pg` on a table with the same columns and indexes as ours, one statement per
 * append (autocommit, so one round trip and one commit), the unique (stream_id, stream_revision)
 * index as the concurrency guard, synchronous_commit left at its default.
 */
import type { Pool } from 'pg';
import { migrate } from '../../libs/event-store/src';
import { quoteIdent } from '../../libs/event-store/src/migrations';
import type { Contender, StreamEvents, Visitor } from './contender';
import type { BenchEvent } from './payload';

export const RAW_SCHEMA = 'bench_raw';

const COLUMNS = 'event_id, stream_id, stream_revision, type, schema_version, data, metadata';
const UNNEST =
  'SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])';

export class RawContender implements Contender {
  readonly name = 'raw' as const;
  private constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  /** The table is made by our own migrations, so columns, indexes and triggers are ours exactly. */
  static async create(pool: Pool, schema = RAW_SCHEMA): Promise<RawContender> {
    await migrate(pool, schema);
    return new RawContender(pool, `${quoteIdent(schema)}.events`);
  }

  private metadata(e: BenchEvent, recordedAt: string): string {
    return JSON.stringify({ eventId: e.eventId, ...e.metadata, recordedAt });
  }

  async appendOne(streamId: string, revision: number, e: BenchEvent): Promise<void> {
    await this.pool.query({
      name: 'raw-append-one',
      text: `INSERT INTO ${this.table} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING global_position, tx_id`,
      values: [e.eventId, streamId, revision + 1, e.type, 1, JSON.stringify(e.data), this.metadata(e, new Date().toISOString())],
    });
  }

  async appendBatch(items: StreamEvents[]): Promise<void> {
    await this.insertMany(items);
  }

  async seed(items: StreamEvents[]): Promise<void> {
    await this.insertMany(items);
  }

  /** One INSERT ... SELECT FROM unnest(...) statement: one transaction, one round trip. */
  private async insertMany(items: StreamEvents[]): Promise<void> {
    const cols: unknown[][] = [[], [], [], [], [], [], []];
    const recordedAt = new Date().toISOString();
    for (const { streamId, events } of items) {
      events.forEach((e, i) => {
        cols[0].push(e.eventId);
        cols[1].push(streamId);
        cols[2].push(i);
        cols[3].push(e.type);
        cols[4].push(1);
        cols[5].push(JSON.stringify(e.data));
        cols[6].push(this.metadata(e, recordedAt));
      });
    }
    await this.pool.query(`INSERT INTO ${this.table} (${COLUMNS}) ${UNNEST}`, cols);
  }

  async readAll(pageSize: number, max: number, visit: Visitor): Promise<number> {
    let after = '0';
    let count = 0;
    while (count < max) {
      const { rows } = await this.pool.query<{ global_position: string; data: unknown }>({
        name: 'raw-read-all',
        text: `SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, tx_id
                 FROM ${this.table} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
        values: [after, Math.min(pageSize, max - count)],
      });
      for (const row of rows) visit(row.data, [0n, BigInt(row.global_position)]);
      count += rows.length;
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].global_position;
    }
    return count;
  }

  async close(): Promise<void> {
    /* the pool is closed by the runner */
  }
}
