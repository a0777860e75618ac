import type { EventStore, Position, RecordedEvent } from '@recert/event-store';
import { comparePositions, samePosition } from './position';

/** What a projection runner needs of the log: `EventStore.readAll`. */
export type LogReader = Pick<EventStore, 'readAll'>;

/** Events a shared reader keeps by default: 16 pages of the runners' default batch. */
export const DEFAULT_SHARED_READER_EVENTS = 32_000;
/** A kept page nobody asked for this long is dropped: the runners are past it or caught up. */
export const DEFAULT_SHARED_READER_KEEP_MS = 10_000;

interface Page {
  /** The position the page was read after: its events are the log's next ones after `from`. */
  from: Position;
  events: readonly RecordedEvent[];
  lastAskedAt: number;
}

/**
 * One read of the log for every projection runner of a process: each page of `readAll` is read
 * from the database and parsed once, then handed to every runner that asks for it.
 *
 * - Concurrent asks for the same page (same `from` and `limit`) share one query.
 * - Full pages (as many events as asked) are kept, newest last, up to `maxEvents` events in all,
 *   each until nobody has asked for it for `keepMs` (so an idle process holds none for long).
 *   A full page is final: every event in it is below the commit-safe horizon, so nothing can
 *   ever commit between its events, and a page read later from the same `from` is the same page.
 *   A short page is not kept: the horizon moves and the same ask may read more next time.
 * - An ask whose `from` is any event of a kept page (a runner that committed a shorter batch
 *   than the others, and is now off their page boundaries) gets the rest of that page, at most
 *   `limit` events: a prefix of what `readAll` would return, which is all `readAll` promises.
 *   Its next ask starts where that page ends, which is where the next kept page starts.
 *
 * Runners share the event objects, so the reader freezes them (data and metadata deeply): a
 * projector that changed an event would otherwise change it under the other projections too.
 * Each runner still commits its own rows and checkpoint in its own transaction; this changes
 * only where the events come from.
 */
export class SharedLogReader implements LogReader {
  private readonly store: LogReader;
  private readonly maxEvents: number;
  private readonly keepMs: number;
  private readonly inFlight = new Map<string, Promise<readonly RecordedEvent[]>>();
  /** Kept full pages, oldest first. */
  private readonly pages: Page[] = [];
  private keptEvents = 0;
  private counters = { asks: 0, reads: 0, eventsRead: 0 };

  constructor(store: LogReader, options: { maxEvents?: number; keepMs?: number } = {}) {
    this.store = store;
    this.maxEvents = options.maxEvents ?? DEFAULT_SHARED_READER_EVENTS;
    this.keepMs = options.keepMs ?? DEFAULT_SHARED_READER_KEEP_MS;
  }

  /** Asks answered, queries run and events parsed: `reads` below `asks` is the sharing. */
  get stats(): { asks: number; reads: number; eventsRead: number; keptPages: number } {
    return { ...this.counters, keptPages: this.pages.length };
  }

  async readAll(from: Position, limit: number): Promise<RecordedEvent[]> {
    this.counters.asks++;
    this.dropUnasked();
    const kept = this.fromKept(from, limit);
    if (kept) return kept;
    const key = `${from.txId}/${from.globalPosition}/${limit}`;
    let read = this.inFlight.get(key);
    if (!read) {
      read = this.read(from, limit);
      this.inFlight.set(key, read);
      const forget = () => this.inFlight.delete(key);
      read.then(forget, forget);
    }
    // A fresh array per caller: the events are shared and frozen, the list is the caller's.
    return [...(await read)];
  }

  private async read(from: Position, limit: number): Promise<readonly RecordedEvent[]> {
    const events = await this.store.readAll(from, limit);
    this.counters.reads++;
    this.counters.eventsRead += events.length;
    for (const event of events) deepFreeze(event);
    if (events.length === limit && limit > 0) this.keep({ from, events, lastAskedAt: Date.now() });
    return events;
  }

  private keep(page: Page): void {
    if (this.pages.some((kept) => samePosition(kept.from, page.from))) return;
    this.pages.push(page);
    this.keptEvents += page.events.length;
    while (this.keptEvents > this.maxEvents && this.pages.length > 1) {
      this.keptEvents -= this.pages.shift()!.events.length;
    }
  }

  private dropUnasked(): void {
    const before = Date.now() - this.keepMs;
    for (let i = this.pages.length - 1; i >= 0; i--) {
      if (this.pages[i].lastAskedAt < before) this.keptEvents -= this.pages.splice(i, 1)[0].events.length;
    }
  }

  /** The events after `from` in a kept page that holds them, at most `limit`; null if none does. */
  private fromKept(from: Position, limit: number): RecordedEvent[] | null {
    for (const page of this.pages) {
      const { events } = page;
      const last = events[events.length - 1].position;
      // The page covers (page.from, last]: `from` must be page.from or one of its events, but not the last.
      if (comparePositions(from, page.from) < 0 || comparePositions(from, last) >= 0) continue;
      const start = samePosition(from, page.from) ? 0 : indexAfter(events, from);
      if (start < 0) continue;
      page.lastAskedAt = Date.now();
      return events.slice(start, start + limit);
    }
    return null;
  }
}

/**
 * Index of the event right after the one at `from`, by binary search; -1 if no event of `events`
 * is at `from` (then the page and the caller disagree about the log: read it instead).
 */
function indexAfter(events: readonly RecordedEvent[], from: Position): number {
  let low = 0;
  let high = events.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = comparePositions(events[middle].position, from);
    if (order === 0) return middle + 1;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}
