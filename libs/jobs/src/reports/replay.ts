import type { EventStore, Position, RecordedEvent } from '@recert/event-store';
import { History } from './history';

export interface ReplayOptions {
  /** Only events whose `metadata.recordedAt` is at or before this instant (ISO 8601 UTC, `toISOString` form). */
  knownAt: string;
  /** Events per `readAll` page (default 10,000). */
  pageSize?: number;
  /** After each page: events read so far, the head the replay runs to, and the position reached. */
  onProgress?: (eventsDone: number, head: Position, position: Position) => void;
}

export interface Replay {
  history: History;
  head: Position;
  eventsRead: number;
  eventsRecordedLater: number;
}

/** Orders two positions (decimal bigint strings without leading zeros). */
export function comparePositions(a: Position, b: Position): number {
  return compareDecimal(a.txId, b.txId) || compareDecimal(a.globalPosition, b.globalPosition);
}

function compareDecimal(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads the whole log from the start, up to the head seen when it began (events committed
 * meanwhile are left for the next report: the result names the head it describes), and folds
 * every event recorded by `knownAt`. The next page is requested before the current one is
 * folded, so the database and the fold work at the same time.
 *
 * recordedAt is taken per event and not assumed to grow along the log: the log is in commit
 * order and a transaction records its time when it starts, so a later entry can be older.
 */
export async function replayHistory(store: EventStore, options: ReplayOptions): Promise<Replay> {
  const pageSize = options.pageSize ?? 10_000;
  const knownAt = options.knownAt;
  const head = await store.head();
  const history = new History();
  let eventsRead = 0;
  let eventsRecordedLater = 0;
  let position: Position = { txId: '0', globalPosition: '0' };
  if (comparePositions(head, position) === 0) return { history, head, eventsRead, eventsRecordedLater };
  let next: Promise<RecordedEvent[]> | null = store.readAll(position, pageSize);
  while (next !== null) {
    const page: RecordedEvent[] = await next;
    next = null;
    let end = page.length;
    while (end > 0 && comparePositions(page[end - 1]!.position, head) > 0) end--;
    const last = end > 0 ? page[end - 1]!.position : null;
    const reachedHead = last === null || end < pageSize || comparePositions(last, head) >= 0;
    if (!reachedHead) next = store.readAll(last, pageSize);
    try {
      for (let i = 0; i < end; i++) {
        const event = page[i]!;
        if (event.metadata.recordedAt > knownAt) eventsRecordedLater++;
        else history.apply(event);
      }
    } catch (error) {
      // The fold failed: the read ahead is abandoned, and must not surface as an unhandled rejection.
      next?.catch(() => undefined);
      throw error;
    }
    eventsRead += end;
    if (last !== null) position = last;
    options.onProgress?.(eventsRead, head, position);
  }
  return { history, head, eventsRead, eventsRecordedLater };
}
