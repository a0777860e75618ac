import type { AppendResult, EventStore, Position, RecordedEvent, StreamAppend } from '@recert/event-store';
import { HistoryWriter } from './history-writer.fixtures';
import { comparePositions } from './replay';
import { runReport } from './run-report';

const CYCLE = '2024-2026';

/** Just enough of the store for a replay: appendBatch stamps positions and recordedAt, readAll pages. */
function memoryStore(): EventStore {
  const log: RecordedEvent[] = [];
  return {
    appendBatch: (appends: StreamAppend[]) => {
      const recordedAt = '2026-11-01T00:00:00.000Z';
      const results: AppendResult[] = appends.map(({ streamId, events, options }) => {
        let revision = typeof options.expectedRevision === 'number' ? options.expectedRevision : -1;
        for (const event of events) {
          const n = log.length + 1;
          log.push({
            streamId,
            streamRevision: ++revision,
            position: { txId: String(n), globalPosition: String(n) },
            type: event.type,
            schemaVersion: 1,
            data: event.data,
            metadata: { eventId: `e${n}`, correlationId: 'c', causationId: null, actor: 'system', source: 'cli', occurredAt: recordedAt, recordedAt },
          });
        }
        return { nextExpectedRevision: revision, position: log[log.length - 1]!.position, written: true };
      });
      return Promise.resolve(results);
    },
    head: () => Promise.resolve(log[log.length - 1]?.position ?? { txId: '0', globalPosition: '0' }),
    readAll: (from: Position, limit: number) => Promise.resolve(log.filter((e) => comparePositions(e.position, from) > 0).slice(0, limit)),
  } as unknown as EventStore;
}

describe('reports over a history in memory', () => {
  it('counts a merged duplicate on its survivor (D1.3), and the duplicate not at all', async () => {
    const store = memoryStore();
    const writer = new HistoryWriter();
    writer.register('s', { on: '2024-01-05', certifications: [{ certification: 'CSCS', earnedOn: '2015-01-01' }] });
    writer.register('d', { on: '2024-01-05', certifications: [{ certification: 'CSCS', earnedOn: '2015-01-01' }] });
    writer.report('s', CYCLE, 's-1', { activityType: 'event-attendance', activityDate: '2024-03-01', title: 'Clinic', hours: 20 }, '2024-03-02');
    writer.report('d', CYCLE, 'd-1', { activityType: 'event-attendance', activityDate: '2024-04-01', title: 'Summit', hours: 20 }, '2024-04-02');
    writer.merge('s', 'd', '2024-05-01');
    await writer.flush(store);

    const result = await runReport(store, { type: 'status-as-of', cycle: CYCLE, asOf: '2024-06-01', knownAt: '2026-11-02T00:00:00Z' });
    expect(result.rows).toEqual([expect.objectContaining({ certificantId: 's', certification: 'CSCS', status: 'InProgress', appliedCeus: 4 })]);
  });

  it('lists every report type with its columns, and rows that only use those columns', async () => {
    const store = memoryStore();
    const writer = new HistoryWriter();
    writer.register('a', { on: '2024-01-05', certifications: [{ certification: 'CSPS', earnedOn: '2015-01-01' }] });
    writer.report('a', CYCLE, 'a-1', { activityType: 'first-aid', activityDate: '2024-03-01', title: 'First Aid' }, '2024-03-02');
    await writer.flush(store);
    for (const type of ['cycle-completion', 'ceus-by-category', 'audit-outcomes', 'appeals', 'status-as-of', 'program-statistics'] as const) {
      const result = await runReport(store, { type, asOf: '2025-01-01', knownAt: '2026-11-02T00:00:00Z' });
      const keys = new Set(result.columns.map((c) => c.key));
      for (const row of result.rows) for (const key of Object.keys(row)) expect(keys).toContain(key);
    }
  });
});
