import {
  CERTIFICANT_EVENT_VERSIONS,
  CYCLE_EVENT_VERSIONS,
  evolveCertificant,
  evolveCycle,
  initialCertificantState,
  initialCycleState,
  type AuditEvent,
  type CertificantEvent,
  type CertificantState,
  type CycleEvent,
  type CycleFacts,
  type CycleState,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';

/**
 * Certificate readiness (D7.1, D5.5). The rows keep the folded states the domain judges on (the
 * certificant, each cycle with its audit); the query calls `cycleStatus` and
 * `certificateReadiness` with today's date, so a deadline passing shows without an event.
 */
export interface ReadinessCertificantRow {
  certificantId: string;
  state: CertificantState;
  lastRevision: number;
}

export interface ReadinessCycleRow {
  cycle: string;
  certificantId: string;
  state: CycleState;
  /** -1 until the first event of the cycle stream (an audit may come first). */
  lastRevision: number;
  audit: CycleFacts['audit'];
}

export const ReadinessCertificantEntity = new EntitySchema<ReadinessCertificantRow>({
  name: 'ReadinessCertificant',
  tableName: 'readiness_certificants',
  columns: {
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_readiness_certificants' },
    state: { type: 'jsonb' },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
});

export const ReadinessCycleEntity = new EntitySchema<ReadinessCycleRow>({
  name: 'ReadinessCycle',
  tableName: 'readiness_cycles',
  columns: {
    cycle: { type: 'text', primary: true, primaryKeyConstraintName: 'PK_readiness_cycles' },
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_readiness_cycles' },
    state: { type: 'jsonb' },
    lastRevision: { name: 'last_revision', type: 'integer' },
    audit: { type: 'jsonb', nullable: true },
  },
  indices: [{ name: 'IDX_readiness_cycles_certificant', columns: ['certificantId'] }],
});

export class CertificateReadinessTables1764100000002 implements MigrationInterface {
  name = 'CertificateReadinessTables1764100000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE readiness_certificants (
      certificant_id text CONSTRAINT "PK_readiness_certificants" PRIMARY KEY,
      state jsonb NOT NULL, last_revision integer NOT NULL)`);
    await runner.query(`CREATE TABLE readiness_cycles (
      cycle text NOT NULL, certificant_id text NOT NULL, state jsonb NOT NULL,
      last_revision integer NOT NULL, audit jsonb,
      CONSTRAINT "PK_readiness_cycles" PRIMARY KEY (cycle, certificant_id))`);
    await runner.query('CREATE INDEX "IDX_readiness_cycles_certificant" ON readiness_cycles (certificant_id)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE readiness_cycles');
    await runner.query('DROP TABLE readiness_certificants');
  }
}

const CERTIFICANT_EVENTS = new Set<string>(Object.keys(CERTIFICANT_EVENT_VERSIONS));
const CYCLE_EVENTS = new Set<string>(Object.keys(CYCLE_EVENT_VERSIONS));
const AUDIT_EVENTS = new Set<string>(['AuditSelected', 'AuditClosed']);

/** `cycle-<certificantId>-<cycle>`; cycle events only ever live on such streams. */
export function cycleStreamKey(streamId: string): { certificantId: string; cycle: string } {
  const match = /^cycle-(.+)-(\d{4}-\d{4})$/.exec(streamId);
  if (!match) throw new Error(`${streamId} is not a cycle stream`);
  return { certificantId: match[1]!, cycle: match[2]! };
}

/** Pure: the domain's own fold, guarded by the stream revision so a replay changes nothing. */
export function projectReadinessCertificant(row: ReadinessCertificantRow | null, event: RecordedEvent): ReadinessCertificantRow {
  if (row && event.streamRevision <= row.lastRevision) return row;
  const certificantId = event.streamId.slice('certificant-'.length);
  const state = evolveCertificant(row?.state ?? initialCertificantState, { type: event.type, data: event.data } as CertificantEvent);
  return { certificantId, state, lastRevision: event.streamRevision };
}

/** Pure: cycle events fold into the state; audit events set the cycle's audit fact (D5). */
export function projectReadinessCycle(row: ReadinessCycleRow | null, event: RecordedEvent): ReadinessCycleRow {
  if (AUDIT_EVENTS.has(event.type)) {
    const audit = { type: event.type, data: event.data } as AuditEvent;
    const base = row ?? { ...keyOf(event), state: initialCycleState, lastRevision: -1, audit: null };
    if (audit.type === 'AuditSelected') {
      if (base.audit?.auditId === audit.data.auditId) return base;
      return { ...base, audit: { auditId: audit.data.auditId, status: 'open', selectedOn: audit.data.selectedOn } };
    }
    if (audit.type === 'AuditClosed' && base.audit && base.audit.auditId === audit.data.auditId) {
      if (base.audit.status === audit.data.outcome) return base;
      return { ...base, audit: { ...base.audit, status: audit.data.outcome, closedOn: audit.data.closedOn } };
    }
    return base;
  }
  if (row && event.streamRevision <= row.lastRevision) return row;
  const base = row ?? { ...keyOf(event), state: initialCycleState, lastRevision: -1, audit: null };
  return { ...base, state: evolveCycle(base.state, { type: event.type, data: event.data } as CycleEvent), lastRevision: event.streamRevision };
}

function keyOf(event: RecordedEvent): { certificantId: string; cycle: string } {
  if (AUDIT_EVENTS.has(event.type)) {
    const { certificantId, cycle } = event.data as { certificantId: string; cycle: string };
    return { certificantId, cycle };
  }
  return cycleStreamKey(event.streamId);
}

const READINESS_CERTIFICANTS = new RowTable(ReadinessCertificantEntity);
const READINESS_CYCLES = new RowTable(ReadinessCycleEntity);
const certificantKeyOf = (event: RecordedEvent) => ({ certificantId: event.streamId.slice('certificant-'.length) });

export const certificateReadinessProjection: Projection = {
  name: 'certificate_readiness',
  version: 1,
  tables: [ReadinessCertificantEntity, ReadinessCycleEntity],
  handles: (type) => CERTIFICANT_EVENTS.has(type) || CYCLE_EVENTS.has(type) || AUDIT_EVENTS.has(type),
  async apply(events, manager) {
    const certificants = new BatchRows(READINESS_CERTIFICANTS, manager);
    const cycles = new BatchRows(READINESS_CYCLES, manager);
    const ofCertificants = events.filter((event) => CERTIFICANT_EVENTS.has(event.type));
    await certificants.load(ofCertificants.map(certificantKeyOf));
    await cycles.load(events.filter((event) => !CERTIFICANT_EVENTS.has(event.type)).map(keyOf));
    for (const event of events) {
      if (CERTIFICANT_EVENTS.has(event.type)) {
        const row = certificants.get(certificantKeyOf(event));
        const next = projectReadinessCertificant(row, event);
        if (next !== row) certificants.set(next);
      } else {
        const row = cycles.get(keyOf(event));
        const next = projectReadinessCycle(row, event);
        if (next !== row) cycles.set(next);
      }
    }
    await certificants.save();
    await cycles.save();
  },
};
