import type { INestApplicationContext } from '@nestjs/common';
import { START, type EventStore, type Position, type RecordedEvent } from '@recert/event-store';
import { comparePositions, Projections, type Projection } from '@recert/read-models';
import { EntitySchema, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { loadRecertConfig } from '../apps/api/src/config/recert-config';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS, READ_MODEL_PROJECTIONS } from '../apps/api/src/database/read-model-catalogue';
import { DATA_SOURCE, EVENT_STORE } from '../apps/api/src/database/tokens';
import { ProjectionRunners } from '../apps/api/src/projections/projection-runners';
import { createWorker } from '../apps/worker/src/worker';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// A read model that records every event it is given, and by which runner: a second application
// of any event breaks its primary key (and would park the stream), so "exactly once" is checked
// by the database itself.
const APPLIED = 'applied_events';

const AppliedEventEntity = new EntitySchema<{ eventId: string; streamId: string; appliedBy: string }>({
  name: 'AppliedEvent',
  tableName: APPLIED,
  columns: {
    eventId: { name: 'event_id', type: 'uuid', primary: true, primaryKeyConstraintName: 'PK_applied_events' },
    streamId: { name: 'stream_id', type: 'text' },
    appliedBy: { name: 'applied_by', type: 'text' },
  },
});

class AppliedEvents1764000000002 implements MigrationInterface {
  name = 'AppliedEvents1764000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE applied_events (event_id uuid CONSTRAINT "PK_applied_events" PRIMARY KEY, stream_id text NOT NULL, applied_by text NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE applied_events');
  }
}

const appliedEvents: Projection = {
  name: APPLIED,
  version: 1,
  tables: [AppliedEventEntity],
  handles: (type) => type === 'WorkerProbed',
  async apply(events: RecordedEvent[], manager) {
    for (const event of events) {
      // The owner in the checkpoint row is the runner whose transaction this is.
      await manager.query(
        `INSERT INTO applied_events (event_id, stream_id, applied_by)
         SELECT $1, $2, owner FROM projection_checkpoints WHERE projection = $3`,
        [event.metadata.eventId, event.streamId, APPLIED],
      );
    }
  },
};

READ_MODEL_PROJECTIONS.push(appliedEvents);
READ_MODEL_ENTITIES.push(AppliedEventEntity);
READ_MODEL_MIGRATIONS.push(AppliedEvents1764000000002);

describe('two workers against one database', () => {
  let database: TestDatabase;
  let first: INestApplicationContext | null = null;
  let second: INestApplicationContext | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadRecertConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', RECERT_MODE: 'worker' });
    first = await createWorker(config);
    second = await createWorker(config);
  }, 60_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  const runnerOf = (worker: INestApplicationContext) =>
    worker.get(ProjectionRunners).runners.find((runner) => runner.projection.name === APPLIED)!;

  /** Appends `streams` x `eventsEach` probes; answers the position of the last one written. */
  async function probe(worker: INestApplicationContext, streams: number, eventsEach: number, tag: string): Promise<Position> {
    const store = worker.get<EventStore>(EVENT_STORE);
    let last: Position = START;
    await Promise.all(
      Array.from({ length: streams }, async (_, stream) => {
        for (let index = 0; index < eventsEach; index++) {
          const { position } = await store.append(`probe-${tag}-${stream}`, [{ type: 'WorkerProbed', data: { index } }], { expectedRevision: 'any' });
          if (comparePositions(position, last) > 0) last = position;
        }
      }),
    );
    return last;
  }

  // Waits for the probes' own last position: the log's head may not show them yet while another
  // transaction on the server is open (the commit-safe frontier), and a wait for that head ends at once.
  async function caughtUp(worker: INestApplicationContext, position: Position): Promise<void> {
    expect(await worker.get(Projections).waitForPosition(position, 15_000, APPLIED)).toBe(true);
  }

  async function appliedBy(worker: INestApplicationContext): Promise<Map<string, number>> {
    const rows: Array<{ applied_by: string; events: string }> = await worker
      .get<DataSource>(DATA_SOURCE)
      .query('SELECT applied_by, count(*)::text AS events FROM applied_events GROUP BY applied_by');
    return new Map(rows.map((row) => [row.applied_by, Number(row.events)]));
  }

  it('lets one worker write each projection while the other stands by, applying every event once', async () => {
    await caughtUp(first!, await probe(first!, 4, 25, 'a'));
    const owners = [runnerOf(first!), runnerOf(second!)].filter((runner) => runner.isOwner);
    expect(owners).toHaveLength(1);
    expect(await appliedBy(first!)).toEqual(new Map([[owners[0].owner, 100]]));
    expect(await first!.get(Projections).parkedStreams(APPLIED)).toEqual([]);
  }, 30_000);

  it('hands the projection to the standby when the owner stops, which goes on from its checkpoint', async () => {
    const ownerIsFirst = runnerOf(first!).isOwner;
    const [stopping, standing] = ownerIsFirst ? [first!, second!] : [second!, first!];
    const before = runnerOf(stopping).owner;
    await stopping.close();
    if (ownerIsFirst) first = null;
    else second = null;

    await caughtUp(standing, await probe(standing, 3, 10, 'b'));
    const survivor = runnerOf(standing);
    expect(survivor.isOwner).toBe(true);
    expect(await appliedBy(standing)).toEqual(
      new Map([
        [before, 100],
        [survivor.owner, 30],
      ]),
    );
    expect(await standing.get(Projections).parkedStreams(APPLIED)).toEqual([]);
    const [status] = (await standing.get(Projections).status()).filter((each) => each.name === APPLIED);
    expect(status).toMatchObject({ status: 'running', lag: 0, owner: survivor.owner });
  }, 30_000);
});
