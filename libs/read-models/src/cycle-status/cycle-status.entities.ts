/**
 * The cycle-status read model (api.md "A certificant's cycle", `GET /certificants/:id/cycles/:cycle`).
 *
 * Tables (dates are `YYYY-MM-DD` text, CEUs are integer tenths):
 * - `cycle_status`: ONE ROW PER (certificant_id, cycle, certification), the columns to search and
 *   queue on: `status` ("NotRequired" | "InProgress" | "CeusMet" | "Complete" | "CompleteLate" |
 *   "Expired" | "Reinstated"), `required`, `required_tenths`, `reported_tenths`, `applied_tenths`,
 *   `completed_on`, `recertification_fee_paid`, `late_fee_due`, `late_fee_paid`, `audit_status`
 *   (null | open | passed | failed), `as_of`, `deadline`, `late_deadline`.
 *   Certificant search joins it on (certificant_id, cycle) for `currentCycleStatus`; audit draws
 *   and certificate readiness read the completers (`status IN ('Complete','CompleteLate', ...)`).
 *   The status is `cycleStatus` as of `as_of`: the business date of the last event that changed
 *   the cycle. A deadline passing without an event is not in these columns; the GET judges the
 *   folded states below with today's date.
 * - `cycle_status_cycles`: one row per (certificant_id, cycle): the folded cycle stream (`state`),
 *   the audit fact, and `as_of`, the date its status rows were judged for (null while the
 *   certificant is not known). What `cycleStatus` takes (the facts: merged accounts' activities
 *   joined, `countsFrom` from the previous cycle) is derived from these rows where it is needed,
 *   not stored: it would repeat every activity of the state (ADR 10). Certificate readiness pages
 *   through a cycle's rows by (cycle, certificant_id) and judges their states as of today.
 * - `cycle_status_certificants`: the folded certificant stream (certifications held, membership,
 *   merges), which every cycle of that certificant is judged with.
 */
import type { CertificantState, CycleFacts, CycleState } from '@recert/domain';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';

export interface CycleStatusRow {
  certificantId: string;
  cycle: string;
  certification: string;
  earnedOn: string;
  countsFrom: string;
  required: boolean;
  status: string;
  requiredTenths: number;
  reportedTenths: number;
  appliedTenths: number;
  completedOn: string | null;
  recertificationFeePaid: boolean;
  lateFeeDue: boolean;
  lateFeePaid: boolean;
  auditStatus: 'open' | 'passed' | 'failed' | null;
  asOf: string;
  deadline: string;
  lateDeadline: string;
}

export interface CycleStatusCycleRow {
  certificantId: string;
  cycle: string;
  state: CycleState;
  /** -1 until the first event of the cycle stream (an audit or a certification may come first). */
  lastRevision: number;
  audit: CycleFacts['audit'];
  /** The business date the `cycle_status` rows were computed for; null while the cycle is not judged. */
  asOf: string | null;
}

export interface CycleStatusCertificantRow {
  certificantId: string;
  state: CertificantState;
  lastRevision: number;
}

const PK_STATUS = 'PK_cycle_status';
const PK_CYCLES = 'PK_cycle_status_cycles';
const PK_CERTIFICANTS = 'PK_cycle_status_certificants';
const IDX_CYCLES_BY_CYCLE = 'IDX_cycle_status_cycles_cycle';

export const CycleStatusEntity = new EntitySchema<CycleStatusRow>({
  name: 'CycleStatus',
  tableName: 'cycle_status',
  columns: {
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: PK_STATUS },
    cycle: { type: 'text', primary: true, primaryKeyConstraintName: PK_STATUS },
    certification: { type: 'text', primary: true, primaryKeyConstraintName: PK_STATUS },
    earnedOn: { name: 'earned_on', type: 'text' },
    countsFrom: { name: 'counts_from', type: 'text' },
    required: { type: 'boolean' },
    status: { type: 'text' },
    requiredTenths: { name: 'required_tenths', type: 'integer' },
    reportedTenths: { name: 'reported_tenths', type: 'integer' },
    appliedTenths: { name: 'applied_tenths', type: 'integer' },
    completedOn: { name: 'completed_on', type: 'text', nullable: true },
    recertificationFeePaid: { name: 'recertification_fee_paid', type: 'boolean' },
    lateFeeDue: { name: 'late_fee_due', type: 'boolean' },
    lateFeePaid: { name: 'late_fee_paid', type: 'boolean' },
    auditStatus: { name: 'audit_status', type: 'text', nullable: true },
    asOf: { name: 'as_of', type: 'text' },
    deadline: { type: 'text' },
    lateDeadline: { name: 'late_deadline', type: 'text' },
  },
  indices: [{ name: 'IDX_cycle_status_cycle_status', columns: ['cycle', 'status'] }],
});

export const CycleStatusCycleEntity = new EntitySchema<CycleStatusCycleRow>({
  name: 'CycleStatusCycle',
  tableName: 'cycle_status_cycles',
  columns: {
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: PK_CYCLES },
    cycle: { type: 'text', primary: true, primaryKeyConstraintName: PK_CYCLES },
    state: { type: 'jsonb' },
    lastRevision: { name: 'last_revision', type: 'integer' },
    audit: { type: 'jsonb', nullable: true },
    asOf: { name: 'as_of', type: 'text', nullable: true },
  },
  indices: [{ name: IDX_CYCLES_BY_CYCLE, columns: ['cycle', 'certificantId'] }],
});

export const CycleStatusCertificantEntity = new EntitySchema<CycleStatusCertificantRow>({
  name: 'CycleStatusCertificant',
  tableName: 'cycle_status_certificants',
  columns: {
    certificantId: { name: 'certificant_id', type: 'text', primary: true, primaryKeyConstraintName: PK_CERTIFICANTS },
    state: { type: 'jsonb' },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
});

export class CycleStatusTables1764200000000 implements MigrationInterface {
  name = 'CycleStatusTables1764200000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE cycle_status (
      certificant_id text NOT NULL, cycle text NOT NULL, certification text NOT NULL,
      earned_on text NOT NULL, counts_from text NOT NULL, required boolean NOT NULL, status text NOT NULL,
      required_tenths integer NOT NULL, reported_tenths integer NOT NULL, applied_tenths integer NOT NULL,
      completed_on text, recertification_fee_paid boolean NOT NULL, late_fee_due boolean NOT NULL,
      late_fee_paid boolean NOT NULL, audit_status text, as_of text NOT NULL, deadline text NOT NULL,
      late_deadline text NOT NULL,
      CONSTRAINT "${PK_STATUS}" PRIMARY KEY (certificant_id, cycle, certification))`);
    await runner.query('CREATE INDEX "IDX_cycle_status_cycle_status" ON cycle_status (cycle, status)');
    await runner.query(`CREATE TABLE cycle_status_cycles (
      certificant_id text NOT NULL, cycle text NOT NULL, state jsonb NOT NULL, last_revision integer NOT NULL,
      audit jsonb, facts jsonb, as_of text,
      CONSTRAINT "${PK_CYCLES}" PRIMARY KEY (certificant_id, cycle))`);
    await runner.query(`CREATE TABLE cycle_status_certificants (
      certificant_id text CONSTRAINT "${PK_CERTIFICANTS}" PRIMARY KEY, state jsonb NOT NULL, last_revision integer NOT NULL)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE cycle_status_certificants');
    await runner.query('DROP TABLE cycle_status_cycles');
    await runner.query('DROP TABLE cycle_status');
  }
}

/** Certificate readiness reads a cycle's rows in certificant order (ADR 10). */
export class CycleStatusCyclesByCycle1764600000000 implements MigrationInterface {
  name = 'CycleStatusCyclesByCycle1764600000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "${IDX_CYCLES_BY_CYCLE}" ON cycle_status_cycles (cycle, certificant_id)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "${IDX_CYCLES_BY_CYCLE}"`);
  }
}

/** The facts are derived from the states where they are judged, not stored beside them (ADR 10). */
export class CycleStatusFactsNotStored1764600000002 implements MigrationInterface {
  name = 'CycleStatusFactsNotStored1764600000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE cycle_status_cycles DROP COLUMN facts');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE cycle_status_cycles ADD COLUMN facts jsonb');
  }
}
