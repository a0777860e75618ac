import type { AppealEvent, AppealRemedy, AppealedDecision } from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';

/** One row per appeal (`appeal-<appealId>`): the committee's queue (api.md `GET /appeals`). */
export interface AppealsQueueRow {
  appealId: string;
  certificantId: string;
  cycle: string;
  certification: string | null;
  kind: string;
  grounds: string;
  status: 'filed' | 'granted' | 'denied';
  filedOn: string;
  appealedDecision: AppealedDecision | null;
  documentsReceived: number;
  remedy: AppealRemedy | null;
  decidedOn: string | null;
  decidedBy: string | null;
  lastRevision: number;
}

export const AppealsQueueEntity = new EntitySchema<AppealsQueueRow>({
  name: 'AppealsQueue',
  tableName: 'appeals_queue',
  columns: {
    appealId: { name: 'appeal_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_appeals_queue' },
    certificantId: { name: 'certificant_id', type: 'text' },
    cycle: { type: 'text' },
    certification: { type: 'text', nullable: true },
    kind: { type: 'text' },
    grounds: { type: 'text' },
    status: { type: 'text' },
    filedOn: { name: 'filed_on', type: 'date' },
    appealedDecision: { name: 'appealed_decision', type: 'jsonb', nullable: true },
    documentsReceived: { name: 'documents_received', type: 'integer' },
    remedy: { type: 'jsonb', nullable: true },
    decidedOn: { name: 'decided_on', type: 'date', nullable: true },
    decidedBy: { name: 'decided_by', type: 'text', nullable: true },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
  indices: [
    { name: 'IDX_appeals_queue_status_cycle', columns: ['status', 'cycle', 'appealId'] },
    { name: 'IDX_appeals_queue_certificant', columns: ['certificantId', 'cycle'] },
  ],
});

export class AppealsQueueTable1764100000001 implements MigrationInterface {
  name = 'AppealsQueueTable1764100000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE appeals_queue (
      appeal_id text CONSTRAINT "PK_appeals_queue" PRIMARY KEY,
      certificant_id text NOT NULL, cycle text NOT NULL, certification text, kind text NOT NULL,
      grounds text NOT NULL, status text NOT NULL, filed_on date NOT NULL, appealed_decision jsonb,
      documents_received integer NOT NULL, remedy jsonb, decided_on date, decided_by text,
      last_revision integer NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_appeals_queue_status_cycle" ON appeals_queue (status, cycle, appeal_id)');
    await runner.query('CREATE INDEX "IDX_appeals_queue_certificant" ON appeals_queue (certificant_id, cycle)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE appeals_queue');
  }
}

const APPEALS_QUEUE = new RowTable(AppealsQueueEntity);
const APPEAL_EVENTS = new Set<string>(['AppealFiled', 'AppealDocumentReceived', 'AppealDecided']);

/** Pure. An event at or below the row's revision changes nothing, so a replayed batch is harmless. */
export function projectAppealsQueue(row: AppealsQueueRow | null, recorded: RecordedEvent): AppealsQueueRow {
  if (row && recorded.streamRevision <= row.lastRevision) return row;
  const event = { type: recorded.type, data: recorded.data } as AppealEvent;
  const lastRevision = recorded.streamRevision;
  if (event.type === 'AppealFiled') {
    const d = event.data;
    return {
      appealId: d.appealId,
      certificantId: d.certificantId,
      cycle: d.cycle,
      certification: d.certification,
      kind: d.kind,
      grounds: d.grounds,
      status: 'filed',
      filedOn: d.filedOn,
      appealedDecision: d.appealedDecision,
      documentsReceived: 0,
      remedy: null,
      decidedOn: null,
      decidedBy: null,
      lastRevision,
    };
  }
  if (!row) throw new Error(`${event.type} on ${recorded.streamId} before its AppealFiled`);
  switch (event.type) {
    case 'AppealDocumentReceived':
      return { ...row, documentsReceived: row.documentsReceived + 1, lastRevision };
    case 'AppealDecided':
      return { ...row, status: event.data.decision, remedy: event.data.remedy, decidedOn: event.data.decidedOn, decidedBy: event.data.decidedBy, lastRevision };
  }
}

export const appealsQueueProjection: Projection = {
  name: 'appeals_queue',
  version: 1,
  tables: [AppealsQueueEntity],
  handles: (type) => APPEAL_EVENTS.has(type),
  async apply(events, manager) {
    const rows = new BatchRows(APPEALS_QUEUE, manager);
    const appealIdOf = (event: RecordedEvent) => ({ appealId: (event.data as { appealId: string }).appealId });
    await rows.load(events.map(appealIdOf));
    for (const event of events) {
      const row = rows.get(appealIdOf(event));
      const next = projectAppealsQueue(row, event);
      if (next !== row) rows.set(next);
    }
    await rows.save();
  },
};
