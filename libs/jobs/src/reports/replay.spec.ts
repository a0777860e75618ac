import type { EventStore, Position, RecordedEvent } from '@recert/event-store';
import { comparePositions, replayHistory } from './replay';

const at = (n: number): Position => ({ txId: String(100 + n), globalPosition: String(n) });

function registered(n: number, recordedAt: string): RecordedEvent {
  const certificantId = `c${n}`;
  return {
    streamId: `certificant-${certificantId}`,
    streamRevision: 0,
    position: at(n),
    type: 'CertificantRegistered',
    schemaVersion: 1,
    data: { certificantId, firstName: 'A', lastName: 'B', email: 'a@b.org', memberId: null, registeredOn: '2024-01-01' },
    metadata: { eventId: `e${n}`, correlationId: 'x', causationId: null, actor: 'system', source: 'cli', occurredAt: '2024-01-01', recordedAt },
  };
}

/** readAll and head over an array; `grow` appends events after head() was asked (a writer racing the report). */
function storeOf(events: RecordedEvent[], grow: RecordedEvent[] = []): EventStore & { reads: number } {
  const log = [...events];
  const store = {
    reads: 0,
    head: () => {
      const head = log[log.length - 1]?.position ?? { txId: '0', globalPosition: '0' };
      log.push(...grow);
      return Promise.resolve(head);
    },
    readAll: (from: Position, limit: number) => {
      store.reads++;
      return Promise.resolve(log.filter((e) => comparePositions(e.position, from) > 0).slice(0, limit));
    },
  };
  return store as unknown as EventStore & { reads: number };
}

describe('replayHistory', () => {
  const events = Array.from({ length: 10 }, (_, i) => registered(i + 1, `2026-01-01T00:00:0${i}.000Z`));

  it('folds only what was recorded by knownAt, recordedAt taken per event', async () => {
    // Commit order is not recordedAt order: event 3 was stamped last.
    const shuffled = events.map((e, i) => (i === 2 ? { ...e, metadata: { ...e.metadata, recordedAt: '2026-02-01T00:00:00.000Z' } } : e));
    const replay = await replayHistory(storeOf(shuffled), { knownAt: '2026-01-01T00:00:05.000Z', pageSize: 4 });
    expect(replay.eventsRead).toBe(10);
    expect(replay.eventsRecordedLater).toBe(5);
    expect([...replay.history.certificants.keys()].sort()).toEqual(['c1', 'c2', 'c4', 'c5', 'c6']);
  });

  it('stops at the head seen when it began', async () => {
    const store = storeOf(events.slice(0, 6), events.slice(6));
    const progress: number[] = [];
    const replay = await replayHistory(store, { knownAt: '2030-01-01T00:00:00.000Z', pageSize: 4, onProgress: (done) => progress.push(done) });
    expect(replay.head).toEqual(at(6));
    expect(replay.eventsRead).toBe(6);
    expect(progress).toEqual([4, 6]);
  });

  it('reads an empty log without a query', async () => {
    const store = storeOf([]);
    const replay = await replayHistory(store, { knownAt: '2030-01-01T00:00:00.000Z' });
    expect(replay.eventsRead).toBe(0);
    expect(store.reads).toBe(0);
  });

  it('orders positions numerically, not as text', () => {
    expect(comparePositions({ txId: '9', globalPosition: '1' }, { txId: '10', globalPosition: '1' })).toBeLessThan(0);
    expect(comparePositions({ txId: '10', globalPosition: '12' }, { txId: '10', globalPosition: '9' })).toBeGreaterThan(0);
  });
});
