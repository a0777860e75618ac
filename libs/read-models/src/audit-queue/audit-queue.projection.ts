import type { AuditEvent } from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';

/** One row per audit (`audit-<auditId>`): what the auditors' queue lists (api.md `GET /audits`). */
export interface AuditQueueRow {
  auditId: string;
  certificantId: string;
  cycle: string;
  reason: string;
  drawId: string | null;
  status: 'open' | 'passed' | 'failed';
  selectedOn: string;
  respondBy: string;
  documentsRequested: number;
  documentsReceived: number;
  accepted: number;
  rejected: number;
  cprAedRequested: boolean;
  closedOn: string | null;
  closedBy: string | null;
  lastRevision: number;
}

export const AuditQueueEntity = new EntitySchema<AuditQueueRow>({
  name: 'AuditQueue',
  tableName: 'audit_queue',
  columns: {
    auditId: { name: 'audit_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_audit_queue' },
    certificantId: { name: 'certificant_id', type: 'text' },
    cycle: { type: 'text' },
    reason: { type: 'text' },
    drawId: { name: 'draw_id', type: 'text', nullable: true },
    status: { type: 'text' },
    selectedOn: { name: 'selected_on', type: 'date' },
    respondBy: { name: 'respond_by', type: 'date' },
    documentsRequested: { name: 'documents_requested', type: 'integer' },
    documentsReceived: { name: 'documents_received', type: 'integer' },
    accepted: { type: 'integer' },
    rejected: { type: 'integer' },
    cprAedRequested: { name: 'cpr_aed_requested', type: 'boolean' },
    closedOn: { name: 'closed_on', type: 'date', nullable: true },
    closedBy: { name: 'closed_by', type: 'text', nullable: true },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
  indices: [
    { name: 'IDX_audit_queue_status_cycle', columns: ['status', 'cycle', 'auditId'] },
    { name: 'IDX_audit_queue_certificant', columns: ['certificantId', 'cycle'] },
  ],
});

export class AuditQueueTable1764100000000 implements MigrationInterface {
  name = 'AuditQueueTable1764100000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE audit_queue (
      audit_id text CONSTRAINT "PK_audit_queue" PRIMARY KEY,
      certificant_id text NOT NULL, cycle text NOT NULL, reason text NOT NULL, draw_id text,
      status text NOT NULL, selected_on date NOT NULL, respond_by date NOT NULL,
      documents_requested integer NOT NULL, documents_received integer NOT NULL,
      accepted integer NOT NULL, rejected integer NOT NULL, cpr_aed_requested boolean NOT NULL,
      closed_on date, closed_by text, last_revision integer NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_audit_queue_status_cycle" ON audit_queue (status, cycle, audit_id)');
    await runner.query('CREATE INDEX "IDX_audit_queue_certificant" ON audit_queue (certificant_id, cycle)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_queue');
  }
}

const AUDIT_QUEUE = new RowTable(AuditQueueEntity);
const AUDIT_EVENTS = new Set<string>(['AuditSelected', 'AuditDocumentsRequested', 'AuditDocumentReceived', 'AuditVerdictRecorded', 'AuditClosed']);

/** Pure. An event at or below the row's revision changes nothing, so a replayed batch is harmless. */
export function projectAuditQueue(row: AuditQueueRow | null, recorded: RecordedEvent): AuditQueueRow | null {
  if (row && recorded.streamRevision <= row.lastRevision) return row;
  const event = { type: recorded.type, data: recorded.data } as AuditEvent;
  const lastRevision = recorded.streamRevision;
  if (event.type === 'AuditSelected') {
    const d = event.data;
    return {
      auditId: d.auditId,
      certificantId: d.certificantId,
      cycle: d.cycle,
      reason: d.reason,
      drawId: d.drawId,
      status: 'open',
      selectedOn: d.selectedOn,
      respondBy: d.respondBy,
      documentsRequested: 0,
      documentsReceived: 0,
      accepted: 0,
      rejected: 0,
      cprAedRequested: false,
      closedOn: null,
      closedBy: null,
      lastRevision,
    };
  }
  if (!row) throw new Error(`${event.type} on ${recorded.streamId} before its AuditSelected`);
  switch (event.type) {
    case 'AuditDocumentsRequested':
      return {
        ...row,
        documentsRequested: row.documentsRequested + event.data.activityIds.length,
        cprAedRequested: row.cprAedRequested || event.data.cprAed,
        lastRevision,
      };
    case 'AuditDocumentReceived':
      return { ...row, documentsReceived: row.documentsReceived + 1, lastRevision };
    case 'AuditVerdictRecorded':
      return event.data.verdict === 'accepted'
        ? { ...row, accepted: row.accepted + 1, lastRevision }
        : { ...row, rejected: row.rejected + 1, lastRevision };
    case 'AuditClosed':
      return { ...row, status: event.data.outcome, closedOn: event.data.closedOn, closedBy: event.data.closedBy, lastRevision };
  }
}

export const auditQueueProjection: Projection = {
  name: 'audit_queue',
  version: 1,
  tables: [AuditQueueEntity],
  handles: (type) => AUDIT_EVENTS.has(type),
  async apply(events, manager) {
    const rows = new BatchRows(AUDIT_QUEUE, manager);
    const auditIdOf = (event: RecordedEvent) => ({ auditId: (event.data as { auditId: string }).auditId });
    await rows.load(events.map(auditIdOf));
    for (const event of events) {
      const row = rows.get(auditIdOf(event));
      const next = projectAuditQueue(row, event);
      if (next && next !== row) rows.set(next);
    }
    await rows.save();
  },
};
