import {
  APPEAL_EVENT_VERSIONS,
  AUDIT_EVENT_VERSIONS,
  CERTIFICANT_EVENT_VERSIONS,
  CERTIFICATE_EVENT_VERSIONS,
  CYCLE_EVENT_VERSIONS,
  type Actor,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';
import { summaryOf } from './history-summary';

/**
 * The timeline of a certificant (api.md `GET /certificants/:id/history`): one row per event of
 * their certificant stream, their cycle streams, and the audits, appeals and certificates that
 * name them. Keyed by the event's global position, so applying an event twice writes it once.
 */
export interface CertificantHistoryRow {
  globalPosition: string;
  certificantId: string;
  streamId: string;
  streamRevision: number;
  eventId: string;
  type: string;
  /** The business date the fact is about (metadata.occurredAt). */
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  summary: string;
}

/** Audit and appeal streams name their certificant in the first event only: remember it. */
export interface HistorySubjectRow {
  streamId: string;
  certificantId: string;
}

const PK = 'PK_certificant_history';
const PK_SUBJECTS = 'PK_certificant_history_subjects';

export const CertificantHistoryEntity = new EntitySchema<CertificantHistoryRow>({
  name: 'CertificantHistory',
  tableName: 'certificant_history',
  columns: {
    globalPosition: { name: 'global_position', type: 'bigint', primary: true, primaryKeyConstraintName: PK },
    certificantId: { name: 'certificant_id', type: 'text' },
    streamId: { name: 'stream_id', type: 'text' },
    streamRevision: { name: 'stream_revision', type: 'integer' },
    eventId: { name: 'event_id', type: 'text' },
    type: { type: 'text' },
    occurredAt: { name: 'occurred_at', type: 'text' },
    recordedAt: { name: 'recorded_at', type: 'text' },
    actor: { type: 'jsonb' },
    summary: { type: 'text' },
  },
});

export const HistorySubjectEntity = new EntitySchema<HistorySubjectRow>({
  name: 'CertificantHistorySubject',
  tableName: 'certificant_history_subjects',
  columns: {
    streamId: { name: 'stream_id', type: 'text', primary: true, primaryKeyConstraintName: PK_SUBJECTS },
    certificantId: { name: 'certificant_id', type: 'text' },
  },
});

export class CertificantHistoryTables1764300000001 implements MigrationInterface {
  name = 'CertificantHistoryTables1764300000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE certificant_history (
      global_position bigint CONSTRAINT "${PK}" PRIMARY KEY,
      certificant_id text NOT NULL, stream_id text NOT NULL, stream_revision integer NOT NULL,
      event_id text NOT NULL, type text NOT NULL, occurred_at text NOT NULL, recorded_at text NOT NULL,
      actor jsonb NOT NULL, summary text NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_certificant_history_certificant" ON certificant_history (certificant_id, global_position)');
    await runner.query(`CREATE TABLE certificant_history_subjects (
      stream_id text CONSTRAINT "${PK_SUBJECTS}" PRIMARY KEY, certificant_id text NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE certificant_history_subjects');
    await runner.query('DROP TABLE certificant_history');
  }
}

const HANDLED = new Set<string>([
  ...Object.keys(CERTIFICANT_EVENT_VERSIONS),
  ...Object.keys(CYCLE_EVENT_VERSIONS),
  ...Object.keys(AUDIT_EVENT_VERSIONS),
  ...Object.keys(APPEAL_EVENT_VERSIONS),
  ...Object.keys(CERTIFICATE_EVENT_VERSIONS),
]);

const CYCLE_STREAM = /^cycle-(.+)-(\d{4}-\d{4})$/;

/**
 * Pure: whose timeline the event belongs to, from its stream name or its data; `subject` is what
 * an earlier event of an audit or appeal stream said. Null: not a certificant's event.
 */
export function certificantOfEvent(recorded: RecordedEvent, subject: string | null): string | null {
  const { streamId } = recorded;
  const named = (recorded.data as { certificantId?: unknown } | null)?.certificantId;
  if (streamId.startsWith('certificant-')) return streamId.slice('certificant-'.length);
  if (streamId.startsWith('cycle-admin-')) return null;
  const cycle = CYCLE_STREAM.exec(streamId);
  if (cycle) return cycle[1]!;
  if (typeof named === 'string') return named;
  return subject;
}

/** Pure: the timeline row of one event. */
export function projectHistory(recorded: RecordedEvent, certificantId: string): CertificantHistoryRow {
  return {
    globalPosition: recorded.position.globalPosition,
    certificantId,
    streamId: recorded.streamId,
    streamRevision: recorded.streamRevision,
    eventId: recorded.metadata.eventId,
    type: recorded.type,
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.metadata.recordedAt,
    actor: recorded.metadata.actor,
    summary: summaryOf(recorded.type, (recorded.data ?? {}) as Record<string, unknown>),
  };
}

const HISTORY = new RowTable(CertificantHistoryEntity);
const HISTORY_SUBJECTS = new RowTable(HistorySubjectEntity);
const namesSubject = (streamId: string) => streamId.startsWith('audit-') || streamId.startsWith('appeal-');

export const certificantHistoryProjection: Projection = {
  name: 'certificant_history',
  version: 1,
  tables: [CertificantHistoryEntity, HistorySubjectEntity],
  handles: (type) => HANDLED.has(type),
  async apply(events, manager) {
    const subjects = new BatchRows(HISTORY_SUBJECTS, manager);
    await subjects.load(events.filter((event) => namesSubject(event.streamId)).map(({ streamId }) => ({ streamId })));
    const timeline: CertificantHistoryRow[] = [];
    for (const event of events) {
      const subject = namesSubject(event.streamId) ? subjects.get({ streamId: event.streamId }) : null;
      const certificantId = certificantOfEvent(event, subject?.certificantId ?? null);
      if (!certificantId) {
        if (namesSubject(event.streamId)) throw new Error(`${event.type} on ${event.streamId} before the event naming its certificant`);
        continue;
      }
      if (namesSubject(event.streamId) && !subject) subjects.set({ streamId: event.streamId, certificantId });
      timeline.push(projectHistory(event, certificantId));
    }
    await subjects.save();
    await HISTORY.insertNew(manager, timeline);
  },
};
