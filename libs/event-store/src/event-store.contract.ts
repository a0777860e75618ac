/**
 * The contract every EventStore adapter passes. Each adapter's int-spec calls
 * `eventStoreContract(name, setup)` with a factory for a fresh, empty environment.
 */
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import {
  type EventStore,
  IdempotencyKeyConflict,
  type NewEvent,
  type Position,
  type RecordedEvent,
  START,
  TransactionIdsBehindStoredEvents,
  WrongExpectedRevision,
} from './event-store';
import { UpcasterRegistry } from './upcasters';

export interface ContractEnvironment {
  /** False when connections take turns (PGlite's one backend): concurrent steps then serialize. */
  concurrentTransactions: boolean;
  /** Whether subscriptions are woken by LISTEN/NOTIFY (else they poll). */
  listens: boolean;
  /** A store on this environment's database; every call sees the same events (a restart). */
  createStore(options?: { upcasters?: UpcasterRegistry }): Promise<EventStore>;
  /** Raw SQL on the store's database, outside the store. */
  withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T>;
  /** Schema-qualified `events` table, for raw SQL. */
  eventsTable: string;
  /** Closes what setup opened and removes its schema or database. */
  teardown(): Promise<void>;
}

const WAIT_MS = 15_000;

function event(type = 'Noted', data: unknown = { n: 1 }): NewEvent {
  return { type, data };
}

function events(n: number, type = 'Noted'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => event(type, { i }));
}

function comparePositions(a: Position, b: Position): number {
  const tx = BigInt(a.txId) - BigInt(b.txId);
  if (tx !== 0n) return tx < 0n ? -1 : 1;
  const gp = BigInt(a.globalPosition) - BigInt(b.globalPosition);
  return gp === 0n ? 0 : gp < 0n ? -1 : 1;
}

/** Collects a subscription's events and lets a test await a condition on them, with a timeout. */
class Collector {
  readonly events: RecordedEvent[] = [];
  checkpoint: Position = START;
  private waiters: { cond: () => boolean; resolve: () => void }[] = [];

  readonly handler = async (batch: RecordedEvent[], checkpoint: Position): Promise<void> => {
    this.events.push(...batch);
    this.checkpoint = checkpoint;
    this.waiters = this.waiters.filter((w) => {
      if (!w.cond()) return true;
      w.resolve();
      return false;
    });
    await Promise.resolve();
  };

  async until(cond: () => boolean, what: string): Promise<void> {
    if (cond()) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        new Promise<void>((resolve) => this.waiters.push({ cond, resolve })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Timed out waiting for ${what}; have ${this.events.length} events`)),
            WAIT_MS,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  untilCount(n: number): Promise<void> {
    return this.until(() => this.events.length >= n, `${n} events`);
  }
}

/**
 * Waits until `position` is commit-safe: any transaction open anywhere in the cluster (another
 * suite, a benchmark) holds readAll back until it ends, so a read right after an append may not see it yet.
 */
async function untilVisible(store: EventStore, position: Position): Promise<void> {
  const collector = new Collector();
  const sub = store.subscribe(START, collector.handler, { pollIntervalMs: 20 });
  try {
    await collector.until(() => comparePositions(collector.checkpoint, position) >= 0, `position ${JSON.stringify(position)}`);
  } finally {
    await sub.stop();
  }
}

export function eventStoreContract(adapter: string, setup: () => Promise<ContractEnvironment>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    // Real databases, and PGlite serializes the concurrency tests: allow more than Jest's 5 s.
    jest.setTimeout(30_000);
    let env: ContractEnvironment;
    let stores: EventStore[];
    let store: EventStore;

    async function newStore(options?: { upcasters?: UpcasterRegistry }): Promise<EventStore> {
      const s = await env.createStore(options);
      stores.push(s);
      return s;
    }

    beforeEach(async () => {
      env = await setup();
      stores = [];
      store = await newStore();
    });

    afterEach(async () => {
      for (const s of stores) await s.close();
      await env.teardown();
    });

    describe('append and read', () => {
      it('appends to a new stream and reads it back with filled-in metadata', async () => {
        const result = await store.append('certificant-1', [event('A', { a: 1 }), event('B', { b: [2] })], {
          expectedRevision: 'no_stream',
        });
        expect(result).toMatchObject({ nextExpectedRevision: 1, written: true });
        const read = await store.readStream('certificant-1');
        expect(read.map((e) => [e.streamRevision, e.type, e.data, e.schemaVersion])).toEqual([
          [0, 'A', { a: 1 }, 1],
          [1, 'B', { b: [2] }, 1],
        ]);
        expect(read[1].position).toEqual(result.position);
        const m = read[0].metadata;
        expect(m.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(m).toEqual({
          eventId: m.eventId,
          correlationId: m.eventId,
          causationId: null,
          actor: 'system',
          source: 'api',
          occurredAt: m.recordedAt,
          recordedAt: m.recordedAt,
        });
        expect(Number.isNaN(Date.parse(m.recordedAt))).toBe(false);
        expect(await store.streamRevision('certificant-1')).toBe(1);
        expect(await store.streamRevision('certificant-none')).toBe(-1);
        expect(await store.readStream('certificant-1', 1)).toHaveLength(1);
      });

      it('keeps the metadata a writer gives', async () => {
        const metadata = {
          eventId: randomUUID(),
          correlationId: 'corr-1',
          causationId: 'cause-1',
          actor: { id: 'staff-7', role: 'auditor' },
          source: 'import:42',
          occurredAt: '2025-03-01',
        };
        await store.append('audit-1', [{ type: 'Selected', data: {}, metadata }], { expectedRevision: 'any' });
        const [read] = await store.readStream('audit-1');
        expect(read.metadata).toEqual({ ...metadata, recordedAt: read.metadata.recordedAt });
      });

      it("honours a numeric expected revision, 'no_stream' and 'any'", async () => {
        await store.append('s', [event()], { expectedRevision: 'no_stream' });
        await expect(store.append('s', [event()], { expectedRevision: 'no_stream' })).rejects.toEqual(
          expect.objectContaining({ name: 'WrongExpectedRevision', streamId: 's', expected: 'no_stream', actual: 0 }),
        );
        expect((await store.append('s', [event()], { expectedRevision: 0 })).nextExpectedRevision).toBe(1);
        await expect(store.append('s', [event()], { expectedRevision: 0 })).rejects.toBeInstanceOf(WrongExpectedRevision);
        // An expectation ahead of the stream is refused too (it would leave a gap).
        await expect(store.append('s', [event()], { expectedRevision: 5 })).rejects.toMatchObject({ actual: 1 });
        await expect(store.append('t', [event()], { expectedRevision: 0 })).rejects.toMatchObject({ actual: -1 });
        expect((await store.append('s', events(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(3);
        expect((await store.append('u', events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
        expect((await store.readStream('s')).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
      });

      it('lets exactly one of two writers at the same expected revision win', async () => {
        await store.append('cycle-1-2025', [event()], { expectedRevision: 'no_stream' });
        const other = await newStore();
        for (let round = 0; round < 5; round++) {
          const outcomes = await Promise.allSettled([
            store.append('cycle-1-2025', [event('A')], { expectedRevision: round }),
            other.append('cycle-1-2025', [event('B')], { expectedRevision: round }),
          ]);
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(lost[0].reason).toBeInstanceOf(WrongExpectedRevision);
          expect(lost[0].reason).toMatchObject({ expected: round, actual: round + 1 });
        }
        expect(await store.streamRevision('cycle-1-2025')).toBe(5);
      });

      it("gives concurrent 'any' appends consecutive revisions", async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, () => store.append('busy', events(3), { expectedRevision: 'any' })),
        );
        expect(results.map((r) => r.nextExpectedRevision).sort((a, b) => a - b)).toEqual([
          2, 5, 8, 11, 14, 17, 20, 23,
        ]);
        const read = await store.readStream('busy');
        expect(read.map((e) => e.streamRevision)).toEqual(Array.from({ length: 24 }, (_, i) => i));
      });

      it('checks a revision it wrote or read against what other writers appended since', async () => {
        const other = await newStore();
        // `store` wrote revision 0, then `other` moved the stream on: store's revision is stale.
        await store.append('stale', [event()], { expectedRevision: 'no_stream' });
        await other.append('stale', events(2), { expectedRevision: 0 });
        await expect(store.append('stale', [event()], { expectedRevision: 0 })).rejects.toMatchObject({
          name: 'WrongExpectedRevision',
          expected: 0,
          actual: 2,
        });
        await expect(store.append('stale', events(2), { expectedRevision: 0 })).rejects.toMatchObject({ actual: 2 });
        await expect(store.append('stale', [event()], { expectedRevision: 3 })).rejects.toMatchObject({ actual: 2 });
        // The same after reading the stream, then another writer appending.
        expect((await store.readStream('stale')).at(-1)?.streamRevision).toBe(2);
        await other.append('stale', [event()], { expectedRevision: 2 });
        await expect(store.append('stale', [event()], { expectedRevision: 2 })).rejects.toMatchObject({ actual: 3 });
        expect((await store.append('stale', events(2), { expectedRevision: 3 })).nextExpectedRevision).toBe(5);
        expect((await store.append('stale', [event()], { expectedRevision: 5 })).nextExpectedRevision).toBe(6);
        expect((await other.append('stale', [event()], { expectedRevision: 6 })).nextExpectedRevision).toBe(7);
        expect((await store.readStream('stale')).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });

      it('refuses an event id twice in one append', async () => {
        const id = randomUUID();
        const twice = [0, 1].map(() => ({ type: 'Twice', data: {}, metadata: { eventId: id } }));
        for (const expectedRevision of ['no_stream', 'any'] as const) {
          await expect(store.append('twice', twice, { expectedRevision })).rejects.toThrow(/appears twice/);
        }
        expect(await store.streamRevision('twice')).toBe(-1);
      });
    });

    describe('idempotency', () => {
      it('writes nothing on a retry with the same key and returns the first result', async () => {
        await store.append('appeal-1', [event('Filed')], { expectedRevision: 'no_stream' });
        const first = await store.append('appeal-1', events(2, 'Doc'), { expectedRevision: 0, idempotencyKey: 'cmd-9' });
        expect(first.written).toBe(true);
        // The retry's expected revision is stale by now: it must still answer the original result.
        const retry = await store.append('appeal-1', events(2, 'Doc'), { expectedRevision: 0, idempotencyKey: 'cmd-9' });
        expect(retry).toEqual({ ...first, written: false });
        expect(await store.readStream('appeal-1')).toHaveLength(3);
      });

      it('writes once when the retry races the original', async () => {
        const other = await newStore();
        const results = await Promise.all([
          store.append('import-1', events(3), { expectedRevision: 'any', idempotencyKey: 'row-1' }),
          other.append('import-1', events(3), { expectedRevision: 'any', idempotencyKey: 'row-1' }),
        ]);
        expect(results.map((r) => r.written).sort()).toEqual([false, true]);
        expect(results[0].position).toEqual(results[1].position);
        expect(results[0].nextExpectedRevision).toBe(2);
        expect(await store.readStream('import-1')).toHaveLength(3);
      });

      it('treats an append whose given event ids are all stored as a retry', async () => {
        const ids = [randomUUID(), randomUUID()];
        const withIds = () => ids.map((eventId) => ({ type: 'Given', data: {}, metadata: { eventId } }));
        const first = await store.append('given', withIds(), { expectedRevision: 'no_stream' });
        expect(first).toMatchObject({ nextExpectedRevision: 1, written: true });
        // Another store (a retry after a lost response): its expectation still holds, the ids do not.
        const other = await newStore();
        await other.append('given-other', [event()], { expectedRevision: 'no_stream' });
        const again = await other.append('given', withIds(), { expectedRevision: 1 });
        expect(again).toEqual({ ...first, written: false });
        expect(await store.readStream('given')).toHaveLength(2);
      });

      it('refuses a key reused for a different stream', async () => {
        await store.append('a', [event()], { expectedRevision: 'any', idempotencyKey: 'k' });
        await expect(store.append('b', [event()], { expectedRevision: 'any', idempotencyKey: 'k' })).rejects.toBeInstanceOf(
          IdempotencyKeyConflict,
        );
        expect(await store.streamRevision('b')).toBe(-1);
      });
    });

    describe('immutability', () => {
      it('refuses UPDATE, DELETE and TRUNCATE on events', async () => {
        await store.append('s', events(2), { expectedRevision: 'no_stream' });
        for (const sql of [
          `UPDATE ${env.eventsTable} SET type = 'Forged'`,
          `DELETE FROM ${env.eventsTable}`,
          `TRUNCATE ${env.eventsTable}`,
        ]) {
          await expect(env.withClient((c) => c.query(sql))).rejects.toThrow(/events are immutable/);
        }
        expect((await store.readStream('s')).map((e) => e.type)).toEqual(['Noted', 'Noted']);
      });
    });

    describe('upcasting', () => {
      it('upcasts old payloads on read and never rewrites them', async () => {
        await store.append('cycle-9', [{ type: 'FeePaid', data: { amount: 50 } }], { expectedRevision: 'no_stream' });
        const upcasters = new UpcasterRegistry().register('FeePaid', 1, (d) => ({
          amountCents: (d as { amount: number }).amount * 100,
        }));
        const upgraded = await newStore({ upcasters });
        const last = await upgraded.append('cycle-9', [{ type: 'FeePaid', data: { amountCents: 700 } }], { expectedRevision: 0 });
        await untilVisible(upgraded, last.position);
        const expected = [
          { schemaVersion: 2, data: { amountCents: 5000 } },
          { schemaVersion: 2, data: { amountCents: 700 } },
        ];
        const pick = (es: RecordedEvent[]) => es.map((e) => ({ schemaVersion: e.schemaVersion, data: e.data }));
        expect(pick(await upgraded.readStream('cycle-9'))).toEqual(expected);
        expect(pick(await upgraded.readAll(START, 10))).toEqual(expected);
        const collector = new Collector();
        const sub = upgraded.subscribe(START, collector.handler);
        await collector.untilCount(2);
        await sub.stop();
        expect(pick(collector.events)).toEqual(expected);
        const stored = await env.withClient((c) =>
          c.query<{ v: number; d: unknown }>(`SELECT schema_version AS v, data AS d FROM ${env.eventsTable} ORDER BY global_position`),
        );
        expect(stored.rows).toEqual([
          { v: 1, d: { amount: 50 } },
          { v: 2, d: { amountCents: 700 } },
        ]);
      });
    });

    describe('appendBatch', () => {
      it('appends to many streams in one transaction', async () => {
        await store.append('s1', [event()], { expectedRevision: 'no_stream' });
        const results = await store.appendBatch([
          { streamId: 's1', events: events(2), options: { expectedRevision: 0 } },
          { streamId: 's2', events: events(1), options: { expectedRevision: 'no_stream' } },
          { streamId: 's3', events: events(3), options: { expectedRevision: 'any' } },
        ]);
        expect(results.map((r) => [r.nextExpectedRevision, r.written])).toEqual([
          [2, true],
          [0, true],
          [2, true],
        ]);
        expect(new Set(results.map((r) => r.position.txId)).size).toBe(1);
        expect(results[2].position).toEqual((await store.readStream('s3')).at(-1)?.position);
        expect((await store.readStream('s1')).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
      });

      it('writes nothing when one stream fails its expectation', async () => {
        const taken = await store.append('taken', [event()], { expectedRevision: 'no_stream' });
        await expect(
          store.appendBatch([
            { streamId: 'fresh-1', events: events(2), options: { expectedRevision: 'no_stream' } },
            { streamId: 'taken', events: events(1), options: { expectedRevision: 'no_stream' } },
            { streamId: 'fresh-2', events: events(1), options: { expectedRevision: 'any' } },
          ]),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevision', streamId: 'taken', actual: 0 });
        expect(await store.streamRevision('fresh-1')).toBe(-1);
        expect(await store.streamRevision('fresh-2')).toBe(-1);
        await untilVisible(store, taken.position);
        expect(await store.readAll(START, 100)).toHaveLength(1);
      });

      it('skips streams whose idempotent events exist and writes the others', async () => {
        const first = await store.appendBatch([{ streamId: 'i1', events: events(2), options: { expectedRevision: 'any', idempotencyKey: 'b1' } }]);
        const again = await store.appendBatch([
          { streamId: 'i1', events: events(2), options: { expectedRevision: 'any', idempotencyKey: 'b1' } },
          { streamId: 'i2', events: events(1), options: { expectedRevision: 'any', idempotencyKey: 'b2' } },
        ]);
        expect(again[0]).toEqual({ ...first[0], written: false });
        expect(again[1].written).toBe(true);
        await untilVisible(store, again[1].position);
        expect(await store.readAll(START, 100)).toHaveLength(3);
      });
    });

    describe('concurrent callers (group commit, shared reads)', () => {
      it('appends at once to many streams: each stands or falls on its own expectation', async () => {
        await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`group-${i}`, [event('First', { i })], { expectedRevision: 'no_stream' })));
        // Eight at once, the fourth with a stale expectation and the sixth with a keyed retry of its first append.
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            i === 3
              ? store.append(`group-${i}`, [event('Late', { i })], { expectedRevision: 'no_stream' })
              : store.append(`group-${i}`, [event('Second', { i })], { expectedRevision: 0 }),
          ),
        );
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevision', actual: 0 });
        for (let i = 0; i < 8; i++) {
          const types = (await store.readStream(`group-${i}`)).map((e) => e.type);
          expect(types).toEqual(i === 3 ? ['First'] : ['First', 'Second']);
        }
        // Keyed appends at once, one of them a retry of a stored append: that one gets the original back, unwritten.
        const first = await store.append('group-keyed', [event('K')], { expectedRevision: 'no_stream', idempotencyKey: 'k-1' });
        const [retry, fresh] = await Promise.all([
          store.append('group-keyed', [event('K')], { expectedRevision: 'no_stream', idempotencyKey: 'k-1' }),
          store.append('group-other', [event('K')], { expectedRevision: 'no_stream', idempotencyKey: 'k-2' }),
        ]);
        expect(retry).toEqual({ ...first, written: false });
        expect(fresh.written).toBe(true);
        expect(await store.readStream('group-keyed')).toHaveLength(1);
      });

      it('answers concurrent readStreams each with its own streams', async () => {
        await store.appendBatch(['r-1', 'r-2', 'r-3'].map((streamId, n) => ({ streamId, events: events(n + 1), options: { expectedRevision: 'no_stream' as const } })));
        const [a, b, c] = await Promise.all([store.readStreams(['r-1', 'r-2']), store.readStreams(['r-2', 'r-3']), store.readStreams(['r-none'])]);
        expect([...a.keys()]).toEqual(['r-1', 'r-2']);
        expect([...b.keys()]).toEqual(['r-2', 'r-3']);
        expect(a.get('r-2')).toEqual(b.get('r-2'));
        expect(a.get('r-2')!.events).not.toBe(b.get('r-2')!.events);
        expect(b.get('r-3')).toEqual({ events: await store.readStream('r-3'), revision: 2 });
        expect(c).toEqual(new Map([['r-none', { events: [], revision: -1 }]]));
      });
    });

    describe('readStreams', () => {
      it('reads several streams in one call, each as readStream does, and a missing one as empty at revision -1', async () => {
        await store.append('cycle-a', events(3), { expectedRevision: 'no_stream' });
        await store.append('cycle-b', [event('B', { b: 1 })], { expectedRevision: 'no_stream' });
        const reads = await store.readStreams(['cycle-b', 'cycle-none', 'cycle-a', 'cycle-b']);
        // One entry per distinct id asked, in the order asked.
        expect([...reads.keys()]).toEqual(['cycle-b', 'cycle-none', 'cycle-a']);
        expect(reads.get('cycle-a')).toEqual({ events: await store.readStream('cycle-a'), revision: 2 });
        expect(reads.get('cycle-b')).toEqual({ events: await store.readStream('cycle-b'), revision: 0 });
        expect(reads.get('cycle-none')).toEqual({ events: [], revision: -1 });
        expect(await store.streamRevision('cycle-none')).toBe(-1);
        expect(await store.readStreams([])).toEqual(new Map());
      });

      it('keeps each stream in revision order whatever the write order and the ids sort order', async () => {
        // Interleaved writes, ids that sort differently as text and as numbers, more than 10 revisions.
        const ids = ['s-10', 's-9', 'S-1', 's-1'];
        for (let round = 0; round < 12; round++) {
          await store.appendBatch(
            [...ids].reverse().map((streamId, i) => ({ streamId, events: [event('Round', { round, i })], options: { expectedRevision: 'any' as const } })),
          );
        }
        const reads = await store.readStreams(ids);
        for (const id of ids) {
          const read = reads.get(id)!;
          expect(read.revision).toBe(11);
          expect(read.events.every((e) => e.streamId === id)).toBe(true);
          expect(read.events.map((e) => e.streamRevision)).toEqual(Array.from({ length: 12 }, (_, i) => i));
          expect(read.events.map((e) => (e.data as { round: number }).round)).toEqual(Array.from({ length: 12 }, (_, i) => i));
        }
      });

      it('upcasts old payloads as readStream does', async () => {
        await store.appendBatch([
          { streamId: 'fees-1', events: [{ type: 'FeePaid', data: { amount: 50 } }, event()], options: { expectedRevision: 'no_stream' } },
          { streamId: 'fees-2', events: [{ type: 'FeePaid', data: { amount: 3 } }], options: { expectedRevision: 'no_stream' } },
        ]);
        const upcasters = new UpcasterRegistry().register('FeePaid', 1, (d) => ({ amountCents: (d as { amount: number }).amount * 100 }));
        const upgraded = await newStore({ upcasters });
        const reads = await upgraded.readStreams(['fees-1', 'fees-2']);
        const pick = (es: RecordedEvent[]) => es.map((e) => [e.type, e.schemaVersion, e.data]);
        expect(pick(reads.get('fees-1')!.events)).toEqual([
          ['FeePaid', 2, { amountCents: 5000 }],
          ['Noted', 1, { n: 1 }],
        ]);
        expect(pick(reads.get('fees-2')!.events)).toEqual([['FeePaid', 2, { amountCents: 300 }]]);
        expect(reads.get('fees-1')!.events).toEqual(await upgraded.readStream('fees-1'));
      });

      it('checks a revision it read against what other writers appended since', async () => {
        const other = await newStore();
        await store.append('read-many', [event()], { expectedRevision: 'no_stream' });
        const { revision } = (await store.readStreams(['read-many'])).get('read-many')!;
        expect(revision).toBe(0);
        await other.append('read-many', [event()], { expectedRevision: 0 });
        await expect(store.append('read-many', [event()], { expectedRevision: revision })).rejects.toMatchObject({
          name: 'WrongExpectedRevision',
          actual: 1,
        });
        // A revision read ahead of what exists is refused too (no gap).
        await expect(store.append('read-many', [event()], { expectedRevision: 2 })).rejects.toMatchObject({ actual: 1 });
      });
    });

    describe('global order', () => {
      it('reads all in pages and reports the head', async () => {
        expect(await store.head()).toEqual(START);
        let last = START;
        for (let i = 0; i < 5; i++) last = (await store.append(`p-${i}`, events(3), { expectedRevision: 'no_stream' })).position;
        await untilVisible(store, last);
        const seen: RecordedEvent[] = [];
        let from = START;
        for (;;) {
          const page = await store.readAll(from, 4);
          if (page.length === 0) break;
          seen.push(...page);
          from = page[page.length - 1].position;
        }
        expect(seen).toHaveLength(15);
        expect(from).toEqual(last);
        expect(await store.head()).toEqual(last);
        for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1].position, seen[i].position)).toBe(-1);
      });

      it('delivers every event exactly once, in commit-safe order, to a live subscriber under 8 writers and a slow transaction', async () => {
        const collector = new Collector();
        const sub = store.subscribe(START, collector.handler, { batchSize: 300, pollIntervalMs: env.listens ? 2000 : 20 });
        await sub.caughtUp;
        const before = await store.append('before', [event()], { expectedRevision: 'no_stream' });
        await collector.untilCount(1);

        const writers = 8;
        const streamsPerWriter = 25;
        const perStream = 10;
        const slowEventId = randomUUID();
        let writing: Promise<unknown> = Promise.resolve();
        try {
        await env.withClient(async (slow) => {
          await slow.query('BEGIN');
          const { rows } = await slow.query<{ tx: string }>('SELECT pg_current_xact_id()::text AS tx');
          const slowTx = rows[0].tx;
          writing = Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              for (let r = 0; r < perStream; r++) {
                for (let s = 0; s < streamsPerWriter; s++) {
                  await store.append(`w${w}-s${s}`, [event('Load', { w, s, r })], {
                    expectedRevision: r === 0 ? 'no_stream' : r - 1,
                  });
                }
              }
            }),
          );
          if (env.concurrentTransactions) {
            await writing;
            // Everything the writers committed has a higher transaction id than the open slow
            // one, so it must be held back: a reader taking it now would later skip the slow event.
            const visible = await store.readAll(START, 10_000);
            expect(visible.filter((e) => e.streamId !== 'before')).toEqual([]);
            expect(comparePositions(await store.head(), before.position)).toBeLessThanOrEqual(0);
          }
          await slow.query(
            `INSERT INTO ${env.eventsTable} (event_id, stream_id, stream_revision, type, schema_version, data, metadata)
             VALUES ($1, 'slow', 0, 'Slow', 1, '{}', $2)`,
            [slowEventId, JSON.stringify({ eventId: slowEventId, correlationId: slowEventId, causationId: null, actor: 'system', source: 'cli', occurredAt: '2025-01-01T00:00:00.000Z', recordedAt: '2025-01-01T00:00:00.000Z' })],
          );
          await slow.query('COMMIT');
          expect(BigInt(slowTx)).toBeGreaterThan(0n);
        });
        } finally {
          // On PGlite the writers queue behind the slow transaction's connection until it is released.
          await writing;
        }

        const total = 1 + writers * streamsPerWriter * perStream + 1;
        await collector.untilCount(total);
        await store.append('after', [event()], { expectedRevision: 'no_stream' });
        await collector.untilCount(total + 1);
        await sub.stop();

        const got = collector.events;
        expect(got).toHaveLength(total + 1);
        expect(new Set(got.map((e) => e.metadata.eventId)).size).toBe(total + 1);
        for (let i = 1; i < got.length; i++) expect(comparePositions(got[i - 1].position, got[i].position)).toBe(-1);
        expect(got.map((e) => e.position)).toEqual((await store.readAll(START, 10_000)).map((e) => e.position));
        const revisions = new Map<string, number[]>();
        for (const e of got) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.streamRevision]);
        for (const [, revs] of revisions) expect(revs).toEqual(revs.map((_, i) => i));
        expect(got.find((e) => e.metadata.eventId === slowEventId)?.streamId).toBe('slow');
        if (env.concurrentTransactions) {
          // The slow transaction took its id before every writer: it sorts right after 'before'.
          expect(got[1].streamId).toBe('slow');
        }
      });

      it('orders by transaction id as a number, not as text', async () => {
        // Below any live transaction id (PGlite's first ones are in the hundreds), so all commit-safe.
        const rows = ['10', '9', '100'].map((tx) => {
          const id = randomUUID();
          const metadata = { eventId: id, correlationId: id, causationId: null, actor: 'system', source: 'cli', occurredAt: '2025-01-01', recordedAt: '2025-01-01' };
          return [id, `tx-${tx}`, JSON.stringify(metadata), tx];
        });
        await env.withClient(async (c) => {
          for (const values of rows) {
            await c.query(
              `INSERT INTO ${env.eventsTable} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, tx_id)
               VALUES ($1, $2, 0, 'Old', 1, '{}', $3, $4::xid8)`,
              values,
            );
          }
        });
        const read = await store.readAll(START, 10);
        expect(read.map((e) => e.position.txId)).toEqual(['9', '10', '100']);
        expect((await store.readAll(read[0].position, 10)).map((e) => e.position.txId)).toEqual(['10', '100']);
        expect((await store.head()).txId).toBe('100');
      });

      it('resumes a subscription from its checkpoint after a restart', async () => {
        const first = new Collector();
        const sub = store.subscribe(START, first.handler);
        for (let i = 0; i < 5; i++) await store.append(`r-${i}`, [event()], { expectedRevision: 'no_stream' });
        await first.untilCount(5);
        await sub.stop();
        await store.close();

        const restarted = await newStore();
        await restarted.append('r-late', events(3), { expectedRevision: 'no_stream' });
        const second = new Collector();
        const resumed = restarted.subscribe(first.checkpoint, second.handler);
        await second.untilCount(3);
        await resumed.stop();
        expect(second.events.map((e) => [e.streamId, e.streamRevision])).toEqual([
          ['r-late', 0],
          ['r-late', 1],
          ['r-late', 2],
        ]);
      });

      it('wakes another process after a burst of appends, and after an append right before close', async () => {
        const collector = new Collector();
        const sub = store.subscribe(START, collector.handler, { pollIntervalMs: env.listens ? 600_000 : 20 });
        await sub.caughtUp;
        const writer = await newStore();
        // Notifications are coalesced under load: the last appends of a burst must still wake `sub`.
        await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            for (let i = 0; i < 5; i++) await writer.append(`burst-${w}`, [event()], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
          }),
        );
        await collector.untilCount(40);
        // Appends followed at once by close(): the notification held back for the second is still sent.
        await writer.append('last', [event()], { expectedRevision: 'no_stream' });
        await writer.append('last', [event()], { expectedRevision: 0 });
        await writer.close();
        await collector.untilCount(42);
        await sub.stop();
        expect(collector.events.at(-1)?.streamId).toBe('last');
      });

      it('wakes a subscriber promptly after an append (LISTEN/NOTIFY, or polling when embedded)', async () => {
        const collector = new Collector();
        // Without LISTEN the subscriber can only poll, so give it a short interval.
        const sub = store.subscribe(START, collector.handler, { pollIntervalMs: env.listens ? 600_000 : 20 });
        await sub.caughtUp;
        // Another store instance (as another process would): only a notification can wake `sub`.
        const writer = await newStore();
        await writer.append('ping', [event()], { expectedRevision: 'no_stream' });
        await collector.untilCount(1);
        await sub.stop();
        expect(collector.events[0].streamId).toBe('ping');
      });

      it('retries a failing handler from the same checkpoint and reports the error', async () => {
        await store.append('f', events(2), { expectedRevision: 'no_stream' });
        const errors: unknown[] = [];
        const collector = new Collector();
        let failures = 1;
        const sub = store.subscribe(
          START,
          async (batch, checkpoint) => {
            if (failures-- > 0) throw new Error('projector down');
            await collector.handler(batch, checkpoint);
          },
          { pollIntervalMs: 20, onError: (e) => errors.push(e) },
        );
        await collector.untilCount(2);
        await sub.stop();
        expect(collector.events.map((e) => e.streamRevision)).toEqual([0, 1]);
        expect(errors).toEqual([new Error('projector down')]);
      });
    });

    describe('restored dump', () => {
      it('refuses writes when stored transaction ids reach the cluster next one', async () => {
        await store.append('s', [event()], { expectedRevision: 'no_stream' });
        await env.withClient((c) =>
          c.query(
            `INSERT INTO ${env.eventsTable} (event_id, stream_id, stream_revision, type, schema_version, data, metadata, tx_id)
             VALUES (gen_random_uuid(), 'restored', 0, 'Old', 1, '{}', '{}',
                     (pg_snapshot_xmax(pg_current_snapshot())::text::bigint + 1000000)::text::xid8)`,
          ),
        );
        const restored = await newStore();
        const refused = restored.append('s', [event()], { expectedRevision: 0 });
        await expect(refused).rejects.toBeInstanceOf(TransactionIdsBehindStoredEvents);
        await expect(refused).rejects.toThrow(/restored from a dump.*pg_resetwal -e \d+ -x \d+/);
        expect(await restored.streamRevision('s')).toBe(0);
      });
    });
  });
}
