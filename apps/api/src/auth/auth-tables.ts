import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';

/** A signed-in session: only the SHA-256 of its bearer token is kept (docs/adr/0003-staff-sessions.md). */
export interface StaffSessionRow {
  tokenHash: string;
  staffId: string;
  createdAt: Date;
  expiresAt: Date;
}

export const StaffSessionEntity = new EntitySchema<StaffSessionRow>({
  name: 'StaffSession',
  tableName: 'staff_sessions',
  columns: {
    tokenHash: { name: 'token_hash', type: 'text', primary: true, primaryKeyConstraintName: 'PK_staff_sessions' },
    staffId: { name: 'staff_id', type: 'text' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    expiresAt: { name: 'expires_at', type: 'timestamptz' },
  },
  indices: [{ name: 'IDX_staff_sessions_expires_at', columns: ['expiresAt'] }],
});

/** A failed sign-in, counted per email and per address to slow down guessing. */
export interface FailedLoginRow {
  id: string;
  email: string;
  address: string;
  failedAt: Date;
}

export const FailedLoginEntity = new EntitySchema<FailedLoginRow>({
  name: 'FailedLogin',
  tableName: 'failed_logins',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment', primaryKeyConstraintName: 'PK_failed_logins' },
    email: { type: 'text' },
    address: { type: 'text' },
    failedAt: { name: 'failed_at', type: 'timestamptz' },
  },
  indices: [
    { name: 'IDX_failed_logins_email', columns: ['email', 'failedAt'] },
    { name: 'IDX_failed_logins_address', columns: ['address', 'failedAt'] },
  ],
});

export class AuthTables1764400000000 implements MigrationInterface {
  name = 'AuthTables1764400000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE staff_sessions (
      token_hash text CONSTRAINT "PK_staff_sessions" PRIMARY KEY,
      staff_id text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_staff_sessions_expires_at" ON staff_sessions (expires_at)');
    await runner.query(`CREATE TABLE failed_logins (
      id bigserial CONSTRAINT "PK_failed_logins" PRIMARY KEY,
      email text NOT NULL, address text NOT NULL, failed_at timestamptz NOT NULL)`);
    await runner.query('CREATE INDEX "IDX_failed_logins_email" ON failed_logins (email, failed_at)');
    await runner.query('CREATE INDEX "IDX_failed_logins_address" ON failed_logins (address, failed_at)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE failed_logins');
    await runner.query('DROP TABLE staff_sessions');
  }
}
