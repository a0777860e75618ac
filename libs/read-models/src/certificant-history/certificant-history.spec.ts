import type { RecordedEvent } from '@recert/event-store';
import { certificantOfEvent, projectHistory } from '.';

const recorded = (streamId: string, type: string, data: object = {}): RecordedEvent => ({
  streamId,
  streamRevision: 0,
  position: { txId: '7', globalPosition: '42' },
  type,
  schemaVersion: 1,
  data,
  metadata: {
    eventId: 'e-1',
    correlationId: 'c-1',
    causationId: null,
    actor: { id: 'staff-1', role: 'staff' },
    source: 'api',
    occurredAt: '2025-02-01',
    recordedAt: '2025-02-03T10:00:00.000Z',
  },
});

const id = '2358d251-a2e5-4d09-a5ed-af3122ce75c6';

describe('whose timeline an event belongs to', () => {
  it('reads the certificant from the stream name of certificant and cycle streams', () => {
    expect(certificantOfEvent(recorded(`certificant-${id}`, 'CprAedRecorded'), null)).toBe(id);
    expect(certificantOfEvent(recorded(`cycle-${id}-2024-2026`, 'FeePaid'), null)).toBe(id);
  });

  it('leaves the cycle administration stream out', () => {
    expect(certificantOfEvent(recorded('cycle-admin-2024-2026', 'CycleClosed', { cycle: '2024-2026' }), null)).toBeNull();
  });

  it('takes an audit or appeal from its data, or from what its first event said', () => {
    expect(certificantOfEvent(recorded('audit-a-1', 'AuditSelected', { certificantId: id }), null)).toBe(id);
    expect(certificantOfEvent(recorded('audit-a-1', 'AuditDocumentReceived', { kind: 'x' }), id)).toBe(id);
    expect(certificantOfEvent(recorded('appeal-p-1', 'AppealDocumentReceived', { kind: 'x' }), null)).toBeNull();
  });
});

it('keeps the business date, the recorded time, the actor and a sentence', () => {
  const row = projectHistory(recorded(`cycle-${id}-2024-2026`, 'FeePaid', { feeType: 'recertification', certification: 'CSCS', amountCents: 7500 }), id);
  expect(row).toEqual({
    globalPosition: '42',
    certificantId: id,
    streamId: `cycle-${id}-2024-2026`,
    streamRevision: 0,
    eventId: 'e-1',
    type: 'FeePaid',
    occurredAt: '2025-02-01',
    recordedAt: '2025-02-03T10:00:00.000Z',
    actor: { id: 'staff-1', role: 'staff' },
    summary: 'Paid the recertification fee for CSCS: $75.00.',
  });
});
