import { Pool, types } from 'pg';
import type { BenchEvent } from './payload';

export type ContenderName = 'ours' | 'emmett' | 'raw';

/** `order`: the event's key in the store's global order, where the store returns it. */
export type Visitor = (data: unknown, order?: readonly [bigint, bigint]) => void;

export interface StreamEvents {
  streamId: string;
  events: BenchEvent[];
}

/** What every workload drives; each store implements it with its own public API (raw: plain SQL). */
export interface Contender {
  readonly name: ContenderName;
  /** Appends one event to a stream whose last revision (0-based) is `revision`, -1 for a new stream. */
  appendOne(streamId: string, revision: number, event: BenchEvent): Promise<void>;
  /** One event for each of many new streams, as one batch where the store can. */
  appendBatch(items: StreamEvents[]): Promise<void>;
  /** Bulk-loads history for the readAll workload (fastest path the store allows; not measured). */
  seed(items: StreamEvents[]): Promise<void>;
  /**
   * Reads the global log from the start in pages of `pageSize`, payloads parsed, until it has
   * seen `max` events or the end. Calls `visit` with each event's data and its place in the
   * store's global order (its own order key, as numbers, where it returns one); returns the count.
   */
  readAll(pageSize: number, max: number, visit: Visitor): Promise<number>;
  close(): Promise<void>;
}

// pg's own defaults: int8 as a decimal string, json/jsonb through JSON.parse. Captured at load,
// before Emmett's dumbo rewires the process-wide parsers (int8 -> BigInt, jsonb -> its serializer).
const int8 = types.getTypeParser(20, 'text');
const json = (v: string): unknown => JSON.parse(v);

/**
 * A pool for ours and raw with pg's default parsers pinned, so that loading Emmett in the same
 * process (dumbo calls pg.types.setTypeParser globally) cannot change what they parse.
 */
export function pinnedPool(connectionString: string, applicationName: string, max: number): Pool {
  return new Pool({
    connectionString,
    max,
    application_name: applicationName,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === 20 && format !== 'binary') return int8;
        if ((oid === 114 || oid === 3802) && format !== 'binary') return json;
        return types.getTypeParser(oid, format ?? 'text');
      }) as typeof types.getTypeParser,
    },
  });
}
