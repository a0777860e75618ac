import type { StaffEvent } from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';

/** One row per staff account (`staff-<id>`): the admins' list (`GET /staff`). Never the password hash. */
export interface StaffAccountRow {
  staffId: string;
  email: string;
  name: string;
  roles: string[];
  createdOn: string;
  createdBy: string;
  rolesChangedOn: string | null;
  lastRevision: number;
}

export const StaffAccountEntity = new EntitySchema<StaffAccountRow>({
  name: 'StaffAccount',
  tableName: 'staff_accounts',
  columns: {
    staffId: { name: 'staff_id', type: 'text', primary: true, primaryKeyConstraintName: 'PK_staff_accounts' },
    email: { type: 'text' },
    name: { type: 'text' },
    roles: { type: 'jsonb' },
    createdOn: { name: 'created_on', type: 'date' },
    createdBy: { name: 'created_by', type: 'text' },
    rolesChangedOn: { name: 'roles_changed_on', type: 'date', nullable: true },
    lastRevision: { name: 'last_revision', type: 'integer' },
  },
  indices: [{ name: 'IDX_staff_accounts_email', columns: ['email'] }],
});

export class StaffAccountsTable1764400000002 implements MigrationInterface {
  name = 'StaffAccountsTable1764400000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE staff_accounts (
      staff_id text CONSTRAINT "PK_staff_accounts" PRIMARY KEY,
      email text NOT NULL, name text NOT NULL, roles jsonb NOT NULL,
      created_on date NOT NULL, created_by text NOT NULL, roles_changed_on date,
      last_revision integer NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_staff_accounts_email" ON staff_accounts (email)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE staff_accounts');
  }
}

const STAFF_ACCOUNTS = new RowTable(StaffAccountEntity);
const STAFF_EVENTS = new Set<string>(['StaffAccountCreated', 'StaffRolesChanged']);

/** Pure. An event at or below the row's revision changes nothing, so a replayed batch is harmless. */
export function projectStaffAccount(row: StaffAccountRow | null, recorded: RecordedEvent): StaffAccountRow | null {
  if (row && recorded.streamRevision <= row.lastRevision) return row;
  const event = { type: recorded.type, data: recorded.data } as StaffEvent;
  const lastRevision = recorded.streamRevision;
  if (event.type === 'StaffAccountCreated') {
    const d = event.data;
    return { staffId: d.staffId, email: d.email, name: d.name, roles: d.roles, createdOn: d.createdOn, createdBy: d.createdBy, rolesChangedOn: null, lastRevision };
  }
  if (!row) throw new Error(`${event.type} on ${recorded.streamId} before its StaffAccountCreated`);
  return { ...row, roles: event.data.roles, rolesChangedOn: event.data.changedOn, lastRevision };
}

export const staffAccountsProjection: Projection = {
  name: 'staff_accounts',
  version: 1,
  tables: [StaffAccountEntity],
  handles: (type) => STAFF_EVENTS.has(type),
  async apply(events, manager) {
    const rows = new BatchRows(STAFF_ACCOUNTS, manager);
    const staffIdOf = (event: RecordedEvent) => ({ staffId: (event.data as { staffId: string }).staffId });
    await rows.load(events.map(staffIdOf));
    for (const event of events) {
      const row = rows.get(staffIdOf(event));
      const next = projectStaffAccount(row, event);
      if (next && next !== row) rows.set(next);
    }
    await rows.save();
  },
};
