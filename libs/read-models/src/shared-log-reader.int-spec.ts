import { START, type Position, type RecordedEvent } from '@recert/event-store';
import { samePosition } from './position';
import { ProjectionRunner } from './projection-runner';
import { Projections } from './projections';
import { SharedLogReader, type LogReader } from './shared-log-reader';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from './testing/read-model-test-database';
import { expectedCounts, streamEventCounts } from './testing/stream-event-count.projection';

// Other suites' open transactions hold the commit-safe horizon back; see projection-runner.int-spec.
jest.setTimeout(30_000);
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

let db: ReadModelTestDatabase;

beforeEach(async () => {
  db = await createReadModelTestDatabase();
});

afterEach(async () => {
  await db.drop();
});

/** Appends `count` events on their own streams and waits until readAll sees the last one. */
async function appendEvents(count: number, prefix = 's'): Promise<Position> {
  let last: Position = START;
  for (let i = 0; i < count; i++) {
    last = (await db.store.append(`${prefix}-${i}`, [{ type: 'Counted', data: { i, nested: { tags: ['a'] } } }], { expectedRevision: 'any' })).position;
  }
  const deadline = Date.now() + 20_000;
  while (!(await db.store.readAll(START, 100_000)).some((event) => samePosition(event.position, last))) {
    if (Date.now() > deadline) throw new Error('The last append never became visible to readAll.');
  }
  return last;
}

describe('SharedLogReader (issue 4: one read of the log for all projection runners)', () => {
  it('answers each ask as readAll does, reading a page shared by concurrent asks once', async () => {
    await appendEvents(10);
    const reader = new SharedLogReader(db.store);

    const answers = await Promise.all(Array.from({ length: 8 }, () => reader.readAll(START, 4)));

    const expected = await db.store.readAll(START, 4);
    for (const answer of answers) expect(answer).toEqual(expected);
    expect(reader.stats).toMatchObject({ asks: 8, reads: 1, eventsRead: 4 });
  });

  it('keeps full pages, so a runner behind the others reads them without a query', async () => {
    await appendEvents(10);
    const reader = new SharedLogReader(db.store);
    const first = await reader.readAll(START, 4);
    const second = await reader.readAll(first[3].position, 4);

    // A slower runner, later: the same two pages from memory.
    expect(await reader.readAll(START, 4)).toEqual(first);
    expect(await reader.readAll(first[3].position, 4)).toEqual(second);
    expect(reader.stats).toMatchObject({ asks: 4, reads: 2, keptPages: 2 });
  });

  it('serves a runner off the page boundaries the rest of a kept page, a prefix of what readAll returns', async () => {
    await appendEvents(10);
    const reader = new SharedLogReader(db.store);
    const page = await reader.readAll(START, 4);

    const rest = await reader.readAll(page[1].position, 4);

    expect(rest).toEqual(page.slice(2));
    expect(rest).toEqual((await db.store.readAll(page[1].position, 4)).slice(0, 2));
    expect(reader.stats.reads).toBe(1);
    // From the page's last event on, the next page is read.
    expect(await reader.readAll(page[3].position, 4)).toEqual(await db.store.readAll(page[3].position, 4));
  });

  it('does not keep a short page: events appended later are read on the next ask (nothing is missed)', async () => {
    await appendEvents(3, 'early');
    const reader = new SharedLogReader(db.store);
    expect(await reader.readAll(START, 4)).toHaveLength(3);

    await appendEvents(3, 'late');

    const again = await reader.readAll(START, 4);
    expect(again).toEqual(await db.store.readAll(START, 4));
    expect(again).toHaveLength(4);
  });

  it('keeps at most maxEvents events (whole pages, oldest dropped first)', async () => {
    await appendEvents(12);
    const reader = new SharedLogReader(db.store, { maxEvents: 8 });
    let from: Position = START;
    for (let page = 0; page < 6; page++) {
      const events = await reader.readAll(from, 2);
      from = events[events.length - 1].position;
      expect(reader.stats.keptPages).toBeLessThanOrEqual(4);
    }
    // The oldest page was dropped, so it is read again.
    await reader.readAll(START, 2);
    expect(reader.stats.reads).toBe(7);
  });

  it('makes a runner ahead wait for the one on the lowest kept page, so that every page is read once', async () => {
    await appendEvents(16);
    // Room for two pages of four: unpaced, the fast cursor's third and fourth pages would push
    // out the first two before the slow cursor gets to the second, which it would read again.
    const reader = new SharedLogReader(db.store, { maxEvents: 8, maxWaitMs: 60_000 });
    const drain = async (cursor: LogReader, work: () => Promise<unknown>): Promise<RecordedEvent[]> => {
      const seen: RecordedEvent[] = [];
      let from: Position = START;
      for (;;) {
        const page = await cursor.readAll(from, 4);
        if (page.length === 0) return seen;
        seen.push(...page);
        from = page[page.length - 1].position;
        await work();
      }
    };

    const [slow, fast] = await Promise.all([
      drain(reader.follower(), () => db.dataSource.query('SELECT pg_sleep(0.05)')),
      drain(reader.follower(), async () => undefined),
    ]);

    const log = await db.store.readAll(START, 100);
    expect(slow).toEqual(log);
    expect(fast).toEqual(log);
    expect(reader.stats.eventsRead).toBe(16);
    expect(reader.stats.waits).toBeGreaterThan(0);
  });

  it('drops a kept page nobody asked for within keepMs', async () => {
    await appendEvents(4);
    const reader = new SharedLogReader(db.store, { keepMs: 1 });
    await reader.readAll(START, 2);
    expect(reader.stats.keptPages).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));

    await reader.readAll(START, 2);

    expect(reader.stats.reads).toBe(2);
  });

  it('freezes the shared events, so one projector cannot change what the others see', async () => {
    await appendEvents(1);
    const reader = new SharedLogReader(db.store);
    const [event] = await reader.readAll(START, 10);

    expect(() => {
      (event.data as { nested: { tags: string[] } }).nested.tags.push('b');
    }).toThrow(TypeError);
    expect(() => {
      (event as { type: string }).type = 'Changed';
    }).toThrow(TypeError);
    // The list itself is the caller's own.
    const list = await reader.readAll(START, 10);
    expect(() => list.push(event)).not.toThrow();
  });

  it('feeds a runner that projects, rebuilds and swaps exactly as reading the store itself', async () => {
    await appendEvents(9);
    const reader = new SharedLogReader(db.store);
    const runner = new ProjectionRunner({ dataSource: db.dataSource, store: db.store, reader, projection: streamEventCounts(), batchSize: 4, rebuildBatchSize: 4, idleMs: 5, retryDelayMs: 5, logger: silent });
    await runner.catchUp();
    const facade = new Projections({ dataSource: db.dataSource, store: db.store, names: ['stream_event_counts'], pollMs: 5 });
    await facade.requestRebuild('stream_event_counts');
    await runner.catchUp();
    await runner.stop();
    await facade.close();

    expect(await db.counts()).toEqual(expectedCounts(await db.allEvents()));
    // The rebuild read the log's full pages from memory, not from the database again.
    expect(reader.stats.eventsRead).toBeLessThan(2 * 9);
    expect(reader.stats.reads).toBeLessThan(reader.stats.asks);
  });
});
