/**
 * (b) The peer: Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql), through its
 * public API: `appendToStream` with `expectedStreamVersion`, and `readMessagesBatch` (the global
 * read its consumers poll with) for readAll. Emmett has no multi-stream batch append, so the batch
 * workload runs its per-stream appends in parallel (8 in flight, like the 8 writers).
 */
import { dumbo, endAllPools } from '@event-driven-io/dumbo';
import type { SQLExecutor } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { Pool } from 'pg';
import type { Contender, StreamEvents, Visitor } from './contender';
import type { BenchEvent } from './payload';
import { inParallel } from './stats';

export class EmmettContender implements Contender {
  readonly name = 'emmett' as const;
  private constructor(
    private readonly store: PostgresEventStore,
    private readonly executor: SQLExecutor,
    private readonly pool: Pool,
    private readonly concurrency: number,
  ) {}

  static async create(connectionString: string, pool: Pool, concurrency: number): Promise<EmmettContender> {
    const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
    await store.schema.migrate();
    const executor = dumbo({ connectionString, pool }).execute;
    return new EmmettContender(store, executor, pool, concurrency);
  }

  private toEmmett(e: BenchEvent): { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> } {
    return { type: e.type, data: e.data, metadata: { messageId: e.eventId, ...e.metadata } };
  }

  async appendOne(streamId: string, revision: number, e: BenchEvent): Promise<void> {
    // Emmett's stream version counts events: 0n = the stream does not exist yet.
    await this.store.appendToStream(streamId, [this.toEmmett(e)], { expectedStreamVersion: BigInt(revision + 1) });
  }

  async appendBatch(items: StreamEvents[]): Promise<void> {
    await inParallel(items, this.concurrency, (item) =>
      this.store.appendToStream(item.streamId, item.events.map((e) => this.toEmmett(e)), { expectedStreamVersion: 0n }),
    );
  }

  /** Seeding bypasses the API: the same rows emt_append_to_stream would write, in bulk. */
  async seed(items: StreamEvents[]): Promise<void> {
    const s: unknown[][] = [[], [], []];
    const m: unknown[][] = [[], [], [], [], [], []];
    for (const { streamId, events } of items) {
      const [first, ...rest] = streamId.split('-');
      s[0].push(streamId);
      s[1].push(events.length);
      s[2].push(first && rest.length > 0 ? first : 'emt:unknown');
      events.forEach((e, i) => {
        m[0].push(streamId);
        m[1].push(i + 1);
        m[2].push(JSON.stringify(e.data));
        m[3].push(JSON.stringify(e.metadata));
        m[4].push(e.type);
        m[5].push(e.eventId);
      });
    }
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata, is_archived)
         SELECT id, pos, 'emt:default', st, '{}', false FROM unnest($1::text[], $2::bigint[], $3::text[]) AS t(id, pos, st)`,
        s,
      );
      await client.query(
        `INSERT INTO emt_messages (stream_id, stream_position, partition, message_data, message_metadata,
                                   message_schema_version, message_type, message_kind, message_id, transaction_id)
         SELECT sid, pos, 'emt:default', d, md, '1', t, 'E', mid, pg_current_xact_id()
           FROM unnest($1::text[], $2::bigint[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[]) AS u(sid, pos, d, md, t, mid)`,
        m,
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  }

  async readAll(pageSize: number, max: number, visit: Visitor): Promise<number> {
    let after = 0n;
    let count = 0;
    while (count < max) {
      const batch = await readMessagesBatch(this.executor, { after, batchSize: Math.min(pageSize, max - count) });
      // Emmett orders by (transaction_id, global_position) but returns only the latter: no order key.
      for (const msg of batch.messages) visit(msg.data);
      count += batch.messages.length;
      if (!batch.areMessagesLeft || batch.messages.length === 0) break;
      after = batch.currentGlobalPosition;
    }
    return count;
  }

  async close(): Promise<void> {
    await this.store.close();
    // Schema migration opens a pool of its own through dumbo's process-wide registry.
    await endAllPools();
  }
}
