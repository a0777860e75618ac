import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';

/** The toy read model of the runtime's tests: how many events each stream has. */
export interface StreamEventCount {
  streamId: string;
  events: number;
  lastRevision: number;
  lastType: string;
}

export const StreamEventCountEntity = new EntitySchema<StreamEventCount>({
  name: 'StreamEventCount',
  tableName: 'stream_event_counts',
  columns: {
    streamId: { name: 'stream_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_stream_event_counts' },
    events: { type: 'integer' },
    lastRevision: { name: 'last_revision', type: 'integer' },
    lastType: { name: 'last_type', type: 'text' },
  },
  indices: [{ name: 'IDX_stream_event_counts_last_type', columns: ['lastType'] }],
});

export class StreamEventCounts1764000000001 implements MigrationInterface {
  name = 'StreamEventCounts1764000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE stream_event_counts (
      stream_id text CONSTRAINT "PK_stream_event_counts" PRIMARY KEY,
      events integer NOT NULL, last_revision integer NOT NULL, last_type text NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_stream_event_counts_last_type" ON stream_event_counts (last_type)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stream_event_counts');
  }
}

/** Pure: an event at or below the row's revision changes nothing, so a replayed batch is harmless. */
export function project(row: StreamEventCount | null, event: RecordedEvent): StreamEventCount {
  if (row && event.streamRevision <= row.lastRevision) return row;
  return {
    streamId: event.streamId,
    events: (row?.events ?? 0) + 1,
    lastRevision: event.streamRevision,
    lastType: event.type,
  };
}

export interface StreamEventCountsOptions {
  version?: number;
  /** Makes apply throw for these events (a bug), until the test "deploys the fix". */
  failsOn?: (event: RecordedEvent) => boolean;
  /** Runs inside apply before the write of this event (e.g. kill the session: a crash). */
  during?: (event: RecordedEvent, runner: QueryRunner) => Promise<void>;
}

export function streamEventCounts(options: StreamEventCountsOptions = {}): Projection {
  return {
    name: 'stream_event_counts',
    version: options.version ?? 1,
    tables: [StreamEventCountEntity],
    handles: (type) => type !== 'Ignored',
    async apply(events, manager) {
      const repository = manager.getRepository(StreamEventCountEntity);
      for (const event of events) {
        if (options.failsOn?.(event)) throw new Error(`cannot project ${event.type}`);
        if (options.during && manager.queryRunner) await options.during(event, manager.queryRunner);
        const row = await repository.findOneBy({ streamId: event.streamId });
        const next = project(row, event);
        if (next !== row) await repository.save(next);
      }
    },
  };
}

/** The rows the projection must hold after `events`, by folding the pure function. */
export function expectedCounts(events: RecordedEvent[]): StreamEventCount[] {
  const rows = new Map<string, StreamEventCount>();
  for (const event of events) {
    if (event.type === 'Ignored') continue;
    rows.set(event.streamId, project(rows.get(event.streamId) ?? null, event));
  }
  return [...rows.values()].sort((a, b) => a.streamId.localeCompare(b.streamId));
}
