/**
 * The one event every contender writes: an ActivityReported-like payload (~300 bytes of data) and
 * its metadata (~200 bytes), built the same way for all three so every row has the same size.
 */
import { randomUUID } from 'node:crypto';

const ACTIVITY_TYPES = ['event-attendance', 'nsca-quiz', 'presentation', 'college-course', 'first-aid'];

export interface BenchEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  /** Everything but eventId/recordedAt (each store adds those its own way). */
  metadata: {
    correlationId: string;
    causationId: string | null;
    actor: { id: string; role: string };
    source: string;
    occurredAt: string;
  };
}

export function activityReported(seq: number, streamId: string): BenchEvent {
  const day = String(1 + (seq % 28)).padStart(2, '0');
  return {
    eventId: randomUUID(),
    type: 'ActivityReported',
    data: {
      certificantId: streamId,
      cycle: '2024-2026',
      activityId: randomUUID(),
      activityType: ACTIVITY_TYPES[seq % ACTIVITY_TYPES.length],
      activityDate: `2025-03-${day}`,
      title: `Strength and conditioning clinic, session ${seq % 1000}`,
      provider: 'NSCA Regional Clinic',
      hours: 6,
      ceus: 6,
      category: 'A',
      appliesTo: ['CSCS', 'NSCA-CPT'],
      reportedBy: 'certificant',
      reportedOn: `2025-04-${day}`,
      externalRef: `EXT-${seq}`,
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: null,
      actor: { id: 'staff-000123', role: 'staff' },
      source: 'api',
      occurredAt: `2025-03-${day}`,
    },
  };
}

/** Bytes of the JSON of data and of metadata (with an event id), for the report. */
export function payloadSizes(): { dataBytes: number; metadataBytes: number } {
  const e = activityReported(12345, 'certificant-00000000-0000-0000-0000-000000000000');
  return {
    dataBytes: Buffer.byteLength(JSON.stringify(e.data)),
    metadataBytes: Buffer.byteLength(JSON.stringify({ eventId: e.eventId, ...e.metadata })),
  };
}
