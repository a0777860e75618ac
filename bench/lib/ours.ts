/**
 * (a) Ours: libs/event-store's PostgreSQL adapter, built by its factory on a pool of its own (as
 * the app shares one pool with TypeORM), through the public port only.
 */
import type { Pool } from 'pg';
import { createEventStore, PostgresEventStore, START } from '../../libs/event-store/src';
import type { EventStore, NewEvent, Position } from '../../libs/event-store/src';
import type { Contender, StreamEvents, Visitor } from './contender';
import type { BenchEvent } from './payload';

export const OURS_SCHEMA = 'bench_ours';

export class OursContender implements Contender {
  readonly name = 'ours' as const;
  private constructor(private readonly store: EventStore) {}

  static async create(pool: Pool, options: { notify?: boolean } = {}): Promise<OursContender> {
    if (options.notify === false) {
      // Only for what-if runs (BENCH_OURS_NOTIFY=0): the factory has no switch for it.
      return new OursContender(await PostgresEventStore.create({ pool, schema: OURS_SCHEMA, listen: false, notify: false }));
    }
    const { store } = await createEventStore({ pool, schema: OURS_SCHEMA });
    return new OursContender(store);
  }

  private toNew(e: BenchEvent): NewEvent {
    return { type: e.type, data: e.data, metadata: { eventId: e.eventId, ...e.metadata } };
  }

  async appendOne(streamId: string, revision: number, e: BenchEvent): Promise<void> {
    await this.store.append(streamId, [this.toNew(e)], { expectedRevision: revision < 0 ? 'no_stream' : revision });
  }

  async appendBatch(items: StreamEvents[]): Promise<void> {
    await this.store.appendBatch(
      items.map(({ streamId, events }) => ({
        streamId,
        events: events.map((e) => this.toNew(e)),
        options: { expectedRevision: 'no_stream' as const },
      })),
    );
  }

  async seed(items: StreamEvents[]): Promise<void> {
    await this.appendBatch(items);
  }

  async readAll(pageSize: number, max: number, visit: Visitor): Promise<number> {
    let from: Position = START;
    let count = 0;
    while (count < max) {
      const page = await this.store.readAll(from, Math.min(pageSize, max - count));
      for (const e of page) visit(e.data, [BigInt(e.position.txId), BigInt(e.position.globalPosition)]);
      count += page.length;
      if (page.length < pageSize) break;
      from = page[page.length - 1].position;
    }
    return count;
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
