import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { decideAndAppend, type StreamDecider } from './decide-and-append';
import { IdempotencyKeyReused, WrongExpectedRevision } from './event-store';
import { quoteIdent } from './migrations';
import { PostgresEventStore } from './postgres-event-store';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

type Counted = { type: 'Counted'; data: { n: number } };
// A stream that counts: each command records the next number, so a lost update would show twice.
const counter: StreamDecider<{ type: 'Count' }, Counted, number, { gate?: () => Promise<void> }> = {
  initialState: 0,
  evolve: (_state, event) => event.data.n,
  decide: (_command, state) => [{ type: 'Counted', data: { n: state + 1 } }],
};

describe('decideAndAppend: load, fold, decide, append with the revision read', () => {
  const schema = `es_daa_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  let store: PostgresEventStore;
  let admin: Pool;

  beforeAll(async () => {
    admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
    store = await PostgresEventStore.create({ connectionString: DATABASE_URL, schema, poolConfig: { max: 8 } });
  });

  afterAll(async () => {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await admin.end();
  });

  it('decides again on a fresh read when a concurrent writer took the revision, so no update is lost', async () => {
    const stream = `counter-${randomUUID()}`;
    await Promise.all(Array.from({ length: 6 }, () => decideAndAppend(store, counter, stream, { type: 'Count' }, {}, { maxAttempts: 10 })));
    const numbers = (await store.readStream(stream)).map((event) => (event.data as Counted['data']).n);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives up with WrongExpectedRevision after its attempts', async () => {
    const stream = `counter-${randomUUID()}`;
    // Another writer appends between every read of this command and its append.
    const contested = Object.create(store) as PostgresEventStore;
    contested.readStream = async (streamId, from) => {
      const read = await store.readStream(streamId, from);
      await store.append(stream, [{ type: 'Counted', data: { n: -1 } }], { expectedRevision: 'any' });
      return read;
    };
    await expect(decideAndAppend(contested, counter, stream, { type: 'Count' }, {}, { maxAttempts: 3 })).rejects.toBeInstanceOf(
      WrongExpectedRevision,
    );
    const numbers = (await store.readStream(stream)).map((event) => (event.data as Counted['data']).n);
    expect(numbers).toEqual([-1, -1, -1]);
  });

  it('records nothing when the decider has nothing new to say', async () => {
    const stream = `counter-${randomUUID()}`;
    const idle: StreamDecider<{ type: 'Count' }, Counted, number, object> = { ...counter, decide: () => [] };
    expect(await decideAndAppend(store, idle, stream, { type: 'Count' }, {})).toEqual({ events: [], position: null });
    expect(await store.streamRevision(stream)).toBe(-1);
  });

  it('decides on a stream the caller loaded already, and reads it again only when that load was stale', async () => {
    const stream = `counter-${randomUUID()}`;
    await decideAndAppend(store, counter, stream, { type: 'Count' }, {});
    const reads: string[] = [];
    const watched = Object.create(store) as PostgresEventStore;
    watched.readStream = async (streamId, from) => {
      reads.push(streamId);
      return store.readStream(streamId, from);
    };
    // Loaded at revision 0 with state 1: no read, the next number is 2.
    await decideAndAppend(watched, counter, stream, { type: 'Count' }, {}, { loaded: { state: 1, revision: 0 } });
    expect(reads).toEqual([]);
    // A stale load (revision 0 again; the stream is at 1): the append is refused, the stream read, 3 recorded.
    await decideAndAppend(watched, counter, stream, { type: 'Count' }, {}, { loaded: { state: 1, revision: 0 } });
    expect(reads).toEqual([stream]);
    const numbers = (await store.readStream(stream)).map((event) => (event.data as Counted['data']).n);
    expect(numbers).toEqual([1, 2, 3]);
  });

  it('answers a command sent again under its idempotency key with the events it stored, not with a new decision', async () => {
    // The first answer was lost (the process died after the append): the same command comes again.
    const stream = `counter-${randomUUID()}`;
    const first = await decideAndAppend(store, counter, stream, { type: 'Count' }, {}, { idempotencyKey: 'count-once' });
    const again = await decideAndAppend(store, counter, stream, { type: 'Count' }, {}, { idempotencyKey: 'count-once' });
    expect(again.events).toEqual([{ type: 'Counted', data: { n: 1 } }]);
    expect(again.position).toEqual(first.position);
    const numbers = (await store.readStream(stream)).map((event) => (event.data as Counted['data']).n);
    expect(numbers).toEqual([1]);
  });

  // A command that may happen once (a registration, a fee) decides nothing, or refuses, when it
  // finds its own earlier events: sent again after its answer was lost, it answers with them.
  const once = (refuse: boolean): StreamDecider<{ type: 'Count' }, Counted, number, object> => ({
    ...counter,
    decide: (command, state) => {
      if (state === 0) return [{ type: 'Counted', data: { n: 1 } }];
      if (refuse) throw new Error('counted already');
      return [];
    },
  });
  it.each([
    ['decides nothing new', false],
    ['refuses', true],
  ])('answers a command sent again under its key with the events it stored when deciding again %s', async (_, refuse) => {
    const stream = `counter-${randomUUID()}`;
    const first = await decideAndAppend(store, once(refuse), stream, { type: 'Count' }, {}, { idempotencyKey: `once:${stream}` });
    const again = await decideAndAppend(store, once(refuse), stream, { type: 'Count' }, {}, { idempotencyKey: `once:${stream}` });
    expect(again).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('still refuses, or decides nothing, for a command whose key stored nothing on the stream', async () => {
    const stream = `counter-${randomUUID()}`;
    await decideAndAppend(store, once(true), stream, { type: 'Count' }, {}, { idempotencyKey: `first:${stream}` });
    await expect(decideAndAppend(store, once(true), stream, { type: 'Count' }, {}, { idempotencyKey: `second:${stream}` })).rejects.toThrow('counted already');
    expect(await decideAndAppend(store, once(false), stream, { type: 'Count' }, {}, { idempotencyKey: `third:${stream}` })).toEqual({ events: [], position: null });
  });
  // ADR 14: a key the store alone keeps carries the hash of the command that first used it.
  it.each([
    ['decides new events', counter],
    ['decides nothing new', once(false)],
    ['refuses', once(true)],
  ])('answers the same command sent again under its key with its stored events, and refuses another command under the key, when deciding again %s', async (_, decider) => {
    const stream = `counter-${randomUUID()}`;
    const options = { idempotencyKey: `hashed:${stream}`, metadata: { commandHash: 'a'.repeat(64) } };
    const first = await decideAndAppend(store, decider, stream, { type: 'Count' }, {}, options);
    expect((await store.readStream(stream))[0].metadata.commandHash).toBe('a'.repeat(64));
    expect(await decideAndAppend(store, decider, stream, { type: 'Count' }, {}, options)).toEqual(first);
    const another = { ...options, metadata: { commandHash: 'b'.repeat(64) } };
    await expect(decideAndAppend(store, decider, stream, { type: 'Count' }, {}, another)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('answers a command sent again that decides more events than its first run stored with the stored ones', async () => {
    const stream = `counter-${randomUUID()}`;
    const twice: StreamDecider<{ type: 'Count' }, Counted, number, object> = {
      ...counter,
      decide: (_command, state) => [
        { type: 'Counted', data: { n: state + 1 } },
        { type: 'Counted', data: { n: state + 2 } },
      ],
    };
    const options = { idempotencyKey: `grown:${stream}`, metadata: { commandHash: 'c'.repeat(64) } };
    const first = await decideAndAppend(store, counter, stream, { type: 'Count' }, {}, options);
    expect(await decideAndAppend(store, twice, stream, { type: 'Count' }, {}, options)).toEqual(first);
    const another = { ...options, metadata: { commandHash: 'd'.repeat(64) } };
    await expect(decideAndAppend(store, twice, stream, { type: 'Count' }, {}, another)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await store.readStream(stream)).toHaveLength(1);
  });
});
