import { START, type AppendResult, type Position, type RecordedEvent } from '@recert/event-store';
import { comparePositions, samePosition } from './position';
import { ProjectionRunner, StaleCheckpoint, type ProjectionRunnerOptions } from './projection-runner';
import { Projections } from './projections';
import { shadowSchemaName } from './shadow-tables';
import { createReadModelTestDatabase, type ReadModelTestDatabase } from './testing/read-model-test-database';
import { expectedCounts, streamEventCounts, type StreamEventCountsOptions } from './testing/stream-event-count.projection';

// Every open transaction in the cluster (other suites, a running bench) holds the commit-safe
// horizon back; the tests await progress, and these bounds only matter on a busy server.
jest.setTimeout(30_000);
const PROGRESS_TIMEOUT_MS = 20_000;

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const NAME = 'stream_event_counts';

let db: ReadModelTestDatabase;
const runners: ProjectionRunner[] = [];
const projectionsFacades: Projections[] = [];

beforeEach(async () => {
  db = await createReadModelTestDatabase();
  lastAppended = START;
});

afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.stop();
  for (const facade of projectionsFacades.splice(0)) await facade.close();
  await db.drop();
});

function runner(options: StreamEventCountsOptions = {}, more: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
  const created = new ProjectionRunner({
    dataSource: db.dataSource,
    store: db.store,
    projection: streamEventCounts(options),
    batchSize: 4,
    rebuildBatchSize: 4,
    idleMs: 5,
    retryDelayMs: 5,
    logger: silent,
    ...more,
  });
  runners.push(created);
  return created;
}

function projections(): Projections {
  const created = new Projections({
    dataSource: db.dataSource,
    store: db.store,
    names: [NAME],
    eventsTable: `"${db.schema}".events`,
    pollMs: 5,
  });
  projectionsFacades.push(created);
  return created;
}

let lastAppended: Position = START;

async function append(streamId: string, ...types: string[]): Promise<AppendResult> {
  const result = await db.store.append(
    streamId,
    types.map((type) => ({ type, data: {} })),
    { expectedRevision: 'any' },
  );
  lastAppended = result.position;
  return result;
}

/**
 * Resolves once readAll reaches the last append. Any open transaction in the cluster holds the
 * commit-safe horizon back for a moment (other suites run beside this one), so await it.
 */
async function visible(timeoutMs = PROGRESS_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await db.store.readAll(START, 100_000)).every((event) => !samePosition(event.position, lastAppended))) {
    if (Date.now() > deadline) throw new Error('The last append never became visible to readAll.');
  }
}

async function seed(): Promise<AppendResult> {
  await append('certificant-1', 'CertificantRegistered', 'CertificationEarned', 'Ignored');
  await append('cycle-1-2026', 'CycleOpened', 'ActivityReported', 'ActivityReported');
  await append('certificant-2', 'CertificantRegistered');
  const last = await append('cycle-2-2026', 'CycleOpened', 'ActivityReported', 'FeePaid', 'ActivityReported');
  await visible();
  return last;
}

async function expectMatchesLog(): Promise<void> {
  expect(await db.counts()).toEqual(expectedCounts(await db.allEvents()));
}

async function checkpointOf(): Promise<{ tx_id: string; global_position: string; owner: string | null }> {
  const rows = await db.dataSource.query(
    'SELECT tx_id::text, global_position::text, owner FROM projection_checkpoints WHERE projection = $1',
    [NAME],
  );
  return rows[0];
}

describe('ProjectionRunner', () => {
  it('projects the log in batches and reports position, head and lag', async () => {
    await seed();
    const facade = projections();
    const [before] = await facade.status();
    expect(before.lag).toBeGreaterThan(0);

    const running = runner();
    await running.catchUp();

    await expectMatchesLog();
    const [after] = await facade.status();
    expect(after).toMatchObject({ name: NAME, status: 'running', lag: 0, parkedStreams: 0, owner: running.owner });
    const events = await db.allEvents();
    expect(after.position).toEqual(events[events.length - 1].position);
  });

  it('changes nothing when the same batch is applied twice', async () => {
    await seed();
    const batch = await db.store.readAll(START, 100);
    const running = runner();

    await running.commit(batch, START);
    const once = await db.counts();
    // The checkpoint guard: a batch from a checkpoint that has moved is refused whole.
    await expect(running.commit(batch, START)).rejects.toBeInstanceOf(StaleCheckpoint);
    // The row guard: the pure project() ignores events at or below a row's revision.
    const toy = streamEventCounts();
    const handled = batch.filter((event) => toy.handles(event.type));
    await db.dataSource.transaction((manager) => toy.apply(handled, manager));

    expect(await db.counts()).toEqual(once);
    await expectMatchesLog();
  });

  it('reads bigger batches while behind, and small ones again once caught up', async () => {
    await seed(); // 11 events
    const running = runner({}, { batchSize: 2, catchUpBatchSize: 5 });
    const sizes: number[] = [];
    for (let outcome = await running.step(); outcome.live > 0; outcome = await running.step()) sizes.push(outcome.live);

    expect(sizes).toEqual([2, 5, 4]);
    await expectMatchesLog();
    await append('cycle-3-2026', 'CycleOpened', 'ActivityReported', 'ActivityReported');
    await visible();
    expect((await running.step()).live).toBe(2);
  });

  it('moves only the checkpoint for a batch with none of its events, as a compare-and-set too', async () => {
    await seed();
    const running = runner();
    await running.catchUp();
    const counts = await db.counts();
    const from = await checkpointOf();
    await append('certificant-3', 'Ignored', 'Ignored');
    await visible();
    const batch = (await db.allEvents()).filter((event) => comparePositions(event.position, { txId: from.tx_id, globalPosition: from.global_position }) > 0);
    expect(batch.map((event) => event.type)).toEqual(['Ignored', 'Ignored']);

    const outcome = await running.step();

    expect(outcome.live).toBe(2);
    expect(await checkpointOf()).toMatchObject({ tx_id: lastAppended.txId, global_position: lastAppended.globalPosition, owner: running.owner });
    expect(await db.counts()).toEqual(counts);
    await expect(running.commit(batch, { txId: from.tx_id, globalPosition: from.global_position })).rejects.toBeInstanceOf(StaleCheckpoint);
  });

  it('loses nothing and applies nothing twice when the session dies mid-batch', async () => {
    await seed();
    let crashes = 0;
    const crashing = runner({
      during: async (event, session) => {
        // Kill our own backend after earlier writes of the batch: the transaction is lost whole.
        if (event.type === 'FeePaid' && crashes++ === 0) await session.query('SELECT pg_terminate_backend(pg_backend_pid())');
      },
    });

    await expect(crashing.catchUp()).rejects.toThrow(/terminat/);
    // The rows hold exactly the events up to the checkpoint: none of the crashed batch.
    const atCrash = await checkpointOf();
    const at = { txId: atCrash.tx_id, globalPosition: atCrash.global_position };
    const committed = (await db.allEvents()).filter((event) => comparePositions(event.position, at) <= 0);
    expect(committed.length).toBeGreaterThan(0);
    expect(await db.counts()).toEqual(expectedCounts(committed));

    await crashing.catchUp();
    await expectMatchesLog();
  });

  it('lets a second runner take over a dead one, which then cannot write', async () => {
    await seed();
    const first = runner();
    await first.step(); // one batch of four, then the process "dies" without releasing
    await append('certificant-3', 'CertificantRegistered');
    await visible();

    const second = runner();
    expect((await second.step()).owner).toBe(false); // the lease is still valid
    // The lease runs out (instead of waiting for it, move its expiry into the past).
    await db.dataSource.query(`UPDATE projection_checkpoints SET lease_until = now() - interval '1 second'`);
    await second.catchUp();
    await expectMatchesLog();

    const stale = await first.step();
    expect(stale).toMatchObject({ owner: false, live: 0 });
    expect((await checkpointOf()).owner).toBe(second.owner);
    await expectMatchesLog();
  });

  it.each(['lease', 'advisory'] as const)('runs one writer when two instances start at once (%s)', async (exclusivity) => {
    await seed();
    const a = runner({}, { exclusivity });
    const b = runner({}, { exclusivity });
    a.start();
    b.start();
    const last = await append('certificant-4', 'CertificantRegistered', 'CprRenewed');

    expect(await projections().waitForPosition(last.position, PROGRESS_TIMEOUT_MS)).toBe(true);
    await expectMatchesLog();
    expect([a.isOwner, b.isOwner].filter(Boolean)).toHaveLength(1);
    expect((await checkpointOf()).owner).toBe(a.isOwner ? a.owner : b.owner);
  });

  it('parks a failing stream with its later events, goes on with the others, and retries after a fix', async () => {
    let fixed = false;
    const failsOn = (event: RecordedEvent): boolean => !fixed && event.type === 'Poisoned';
    await append('cycle-1-2026', 'CycleOpened', 'Poisoned', 'ActivityReported');
    await append('cycle-2-2026', 'CycleOpened', 'ActivityReported');
    await visible();
    const running = runner({ failsOn });
    const facade = projections();

    await running.catchUp();
    await append('cycle-1-2026', 'ActivityReported', 'Ignored');
    await append('cycle-2-2026', 'FeePaid');
    await visible();
    await running.catchUp();

    const counts = await db.counts();
    expect(counts).toEqual([
      { streamId: 'cycle-1-2026', events: 1, lastRevision: 0, lastType: 'CycleOpened' },
      { streamId: 'cycle-2-2026', events: 3, lastRevision: 2, lastType: 'FeePaid' },
    ]);
    const [parked] = await facade.parkedStreams(NAME);
    expect(parked).toMatchObject({
      streamId: 'cycle-1-2026',
      fromRevision: 1,
      eventType: 'Poisoned',
      parkedEvents: 3, // Poisoned, ActivityReported, ActivityReported; Ignored is not the projection's
      error: 'Error: cannot project Poisoned',
    });
    expect((await facade.status())[0]).toMatchObject({ parkedStreams: 1, lag: 0 });

    fixed = true;
    expect(await facade.retryParked(NAME)).toBe(1);
    await running.catchUp();

    expect(await facade.parkedStreams(NAME)).toEqual([]);
    await expectMatchesLog();
  });

  it('keeps a stream parked with the new error when its retry fails again', async () => {
    await append('cycle-1-2026', 'Poisoned');
    await visible();
    const running = runner({ failsOn: (event) => event.type === 'Poisoned' });
    const facade = projections();
    await running.catchUp();

    await facade.retryParked(NAME, 'cycle-1-2026');
    await running.catchUp();

    const [parked] = await facade.parkedStreams();
    expect(parked).toMatchObject({ streamId: 'cycle-1-2026', retryRequestedAt: null, parkedEvents: 1 });
    expect(await db.counts()).toEqual([]);
  });

  it('rebuilds into fresh tables while the old ones serve reads, then swaps them in', async () => {
    await seed();
    const live = runner();
    await live.catchUp();
    const indexesBefore = await indexNames();
    expect(indexesBefore).toHaveLength(2);
    const facade = projections();
    await facade.requestRebuild(NAME);

    const first = await live.step();
    expect(first.rebuild).toBe(4);
    // The shadow table is filled with only the index that enforces its key; the read-serving
    // index is built at the swap.
    expect(await indexNames(shadowSchemaName(db.schema, NAME))).toEqual([expect.stringMatching(/^stream_event_counts_pkey/)]);
    const [rebuilding] = await facade.status();
    expect(rebuilding).toMatchObject({ status: 'rebuilding', rebuild: { version: 1, eventsDone: 4 } });
    await expectMatchesLog(); // reads still come from the live tables, complete
    await append('certificant-1', 'CprRenewed'); // and they keep up with new events meanwhile
    await live.step();
    await visible();
    await live.step();
    await expectMatchesLog();

    const deadline = Date.now() + PROGRESS_TIMEOUT_MS;
    while (!(await live.step()).swapped) expect(Date.now()).toBeLessThan(deadline);

    await expectMatchesLog();
    const [done] = await facade.status();
    expect(done).toMatchObject({ status: 'running', rebuild: null, lag: 0 });
    expect(await indexNames()).toEqual(indexesBefore);
  });

  it('rebuilds on its own when the projection version changes', async () => {
    await seed();
    await runner().catchUp();
    await runners[0].stop();

    const upgraded = runner({ version: 2 });
    await upgraded.catchUp();

    await expectMatchesLog();
    expect((await projections().status())[0]).toMatchObject({ version: 2, status: 'running', rebuild: null });
  });

  it('waits for a position to be projected, by position or by global position alone', async () => {
    const facade = projections();
    const first = await append('certificant-1', 'CertificantRegistered');
    expect(await facade.waitForPosition(first.position, 30)).toBe(false); // nothing runs yet

    runner().start();
    const second = await append('certificant-1', 'CertificationEarned');
    expect(await facade.waitForPosition(second.position, PROGRESS_TIMEOUT_MS)).toBe(true);
    expect(await db.counts()).toEqual([expect.objectContaining({ streamId: 'certificant-1', events: 2 })]);

    const third = await append('certificant-2', 'CertificantRegistered');
    expect(await facade.waitForPosition(third.position.globalPosition, PROGRESS_TIMEOUT_MS, NAME)).toBe(true);
    await expectMatchesLog();
  });
});

/** The table's indexes: name and definition, the schema left out so that copies compare equal. */
async function indexNames(schema = db.schema): Promise<string[]> {
  const rows: Array<{ indexname: string; indexdef: string }> = await db.dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'stream_event_counts' ORDER BY indexname`,
    [schema],
  );
  return rows.map((row) => `${row.indexname}: ${row.indexdef.replace(`${schema}.`, '')}`);
}
