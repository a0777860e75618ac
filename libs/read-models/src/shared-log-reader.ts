import { deepFreeze, type EventStore, type Position, type RecordedEvent } from '@recert/event-store';
import { comparePositions, samePosition } from './position';

/**
 * What a projection runner needs of the log: `EventStore.readAll`. A reader shared by several
 * runners also hands each runner's cursor a `follower()` of its own (see SharedLogReader).
 */
export interface LogReader extends Pick<EventStore, 'readAll'> {
  follower?(): LogReader;
}

/** Events a shared reader keeps by default: 16 pages of the runners' default live batch, 4 of a rebuild's. */
export const DEFAULT_SHARED_READER_EVENTS = 32_000;
/** A kept page nobody asked for this long is dropped: the runners are past it or caught up. */
export const DEFAULT_SHARED_READER_KEEP_MS = 10_000;
/** The longest a runner ahead waits for the slowest before it reads on anyway. */
export const DEFAULT_SHARED_READER_MAX_WAIT_MS = 1_000;

/** One runner's cursor, as its asks show it. */
interface Follower {
  at: Position | null;
  /** When `at` last moved: a follower stuck longer than `keepMs` (failing, stopped) holds nobody back. */
  movedAt: number;
}

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
 * - Full pages (as many events as asked) are kept, up to `maxEvents` events in all (see `keep`
 *   for which go first), each until nobody has asked for it for `keepMs` (so an idle process
 *   holds none for long).
 *   A full page is final: every event in it is below the commit-safe horizon, so nothing can
 *   ever commit between its events, and a page read later from the same `from` is the same page.
 *   A short page is not kept: the horizon moves and the same ask may read more next time.
 * - An ask whose `from` is any event of a kept page (a runner that committed a shorter batch
 *   than the others, and is now off their page boundaries) gets the rest of that page, at most
 *   `limit` events: a prefix of what `readAll` would return, which is all `readAll` promises.
 *   Its next ask starts where that page ends, which is where the next kept page starts.
 *
 * - Runners that read through a `follower()` each are paced: the fastest wait for the slowest
 *   rather than push out pages it still needs (see `follower`).
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
  private readonly maxWaitMs: number;
  private readonly followers = new Set<Follower>();
  /** Wakes the runners waiting for the slowest one: called whenever a follower moves. */
  private readonly waiting = new Set<() => void>();
  private readonly inFlight = new Map<string, Promise<readonly RecordedEvent[]>>();
  /** Kept full pages. */
  private readonly pages: Page[] = [];
  private keptEvents = 0;
  private counters = { asks: 0, reads: 0, eventsRead: 0, waits: 0, waitedMs: 0 };

  constructor(store: LogReader, options: { maxEvents?: number; keepMs?: number; maxWaitMs?: number } = {}) {
    this.store = store;
    this.maxEvents = options.maxEvents ?? DEFAULT_SHARED_READER_EVENTS;
    this.keepMs = options.keepMs ?? DEFAULT_SHARED_READER_KEEP_MS;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_SHARED_READER_MAX_WAIT_MS;
  }

  /**
   * A reader for one cursor of one runner (a runner rebuilding has two: live and shadow). Its asks
   * tell this reader where the cursor is, so that a cursor that read a full page with no room to
   * keep it first waits (at most `maxWaitMs`, re-checked whenever a cursor moves) while every kept
   * page is still to serve some cursor and another one is on the lowest. Without that, the fast
   * projections run ahead, their pages push out those the slow ones still need, and those are
   * read and parsed again (1.7 reads per page for 8 projections at 50,000 events, more on a longer
   * log): the lead of the fastest is capped by what the reader keeps.
   */
  follower(): LogReader {
    const follower: Follower = { at: null, movedAt: Date.now() };
    this.followers.add(follower);
    return { readAll: (from, limit) => this.readAllFor(follower, from, limit) };
  }

  /**
   * Asks answered, queries run and events parsed (`reads` below `asks` is the sharing), and how
   * often and how long runners ahead waited for the slowest.
   */
  get stats(): { asks: number; reads: number; eventsRead: number; waits: number; waitedMs: number; keptPages: number } {
    return { ...this.counters, keptPages: this.pages.length };
  }

  async readAll(from: Position, limit: number): Promise<RecordedEvent[]> {
    return this.readAllFor(null, from, limit);
  }

  private async readAllFor(follower: Follower | null, from: Position, limit: number): Promise<RecordedEvent[]> {
    this.counters.asks++;
    if (follower) this.moved(follower, from);
    this.dropUnasked();
    const kept = this.fromKept(from, limit);
    if (kept) return kept;
    const key = `${from.txId}/${from.globalPosition}/${limit}`;
    let read = this.inFlight.get(key);
    if (!read) {
      read = this.read(from, limit);
      this.inFlight.set(key, read);
      // A full page stays here until it is kept (below), so that nobody reads it again meanwhile.
      const forget = () => this.inFlight.delete(key);
      read.then((events) => isFull(events, limit) || forget(), forget);
    }
    const events = await read;
    if (isFull(events, limit)) {
      if (follower) await this.waitForRoom(follower, from, limit);
      this.keep({ from, events, lastAskedAt: Date.now() });
      this.inFlight.delete(key);
    }
    // A fresh array per caller: the events are shared and frozen, the list is the caller's.
    return [...events];
  }

  private async read(from: Position, limit: number): Promise<readonly RecordedEvent[]> {
    const events = await this.store.readAll(from, limit);
    this.counters.reads++;
    this.counters.eventsRead += events.length;
    for (const event of events) deepFreeze(event);
    return events;
  }

  private moved(follower: Follower, at: Position): void {
    if (follower.at && samePosition(follower.at, at)) return;
    follower.at = at;
    follower.movedAt = Date.now();
    for (const wake of [...this.waiting]) wake();
  }

  /**
   * Before `follower` keeps the full page it read from `from`, when there is no room for it: if
   * every kept page is still ahead of some moving follower and another follower is on the lowest
   * one, waits until that follower has passed it, so that the lowest page, not one still to be
   * served, makes room. A cursor at the head reads short pages, which are not kept: it never waits.
   */
  private async waitForRoom(follower: Follower, from: Position, limit: number): Promise<void> {
    const start = Date.now();
    const deadline = start + this.maxWaitMs;
    let waited = false;
    while (
      this.keptEvents + limit > this.maxEvents &&
      this.pages.length > 0 &&
      !this.pages.some((kept) => samePosition(kept.from, from)) &&
      Date.now() < deadline
    ) {
      const moving = this.movingFollowers().filter((other) => other !== follower);
      if (this.pages.some((page) => !neededBy(page, moving))) break;
      const lowest = this.pages.reduce((low, page) => (comparePositions(page.from, low.from) < 0 ? page : low));
      if (!moving.some((other) => comparePositions(other.at!, lowest.from) >= 0 && comparePositions(other.at!, lastPositionOf(lowest)) < 0)) break;
      waited = true;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, deadline - Date.now()));
        this.waiting.add(done);
      });
    }
    if (waited) {
      this.counters.waits++;
      this.counters.waitedMs += Date.now() - start;
    }
  }

  /**
   * Keeps `page`; past `maxEvents`, a page goes: the least recently asked for of those every
   * moving follower has passed, or else the highest, the one needed last.
   */
  private keep(page: Page): void {
    if (this.pages.some((kept) => samePosition(kept.from, page.from))) return;
    this.pages.push(page);
    this.keptEvents += page.events.length;
    const moving = this.movingFollowers();
    while (this.keptEvents > this.maxEvents && this.pages.length > 1) {
      const passed = this.pages.filter((kept) => !neededBy(kept, moving));
      const victim =
        passed.length > 0
          ? passed.reduce((old, kept) => (kept.lastAskedAt < old.lastAskedAt ? kept : old))
          : this.pages.reduce((high, kept) => (comparePositions(kept.from, high.from) > 0 ? kept : high));
      this.pages.splice(this.pages.indexOf(victim), 1);
      this.keptEvents -= victim.events.length;
    }
  }

  /** Followers whose position moved within `keepMs`: a stuck (failing, stopped) one holds nothing back. */
  private movingFollowers(): Follower[] {
    const since = Date.now() - this.keepMs;
    return [...this.followers].filter((follower) => follower.at !== null && follower.movedAt >= since);
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

function lastPositionOf(page: Page): Position {
  return page.events[page.events.length - 1].position;
}

function isFull(events: readonly RecordedEvent[], limit: number): boolean {
  return limit > 0 && events.length === limit;
}

/** True if one of `followers` has not passed the page's last event yet. */
function neededBy(page: Page, followers: Follower[]): boolean {
  const last = lastPositionOf(page);
  return followers.some((follower) => comparePositions(follower.at!, last) < 0);
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
