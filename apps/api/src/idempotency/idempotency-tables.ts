import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';

/** One command sent with an `Idempotency-Key`: the body's hash and, once done, the answer given. */
export interface IdempotencyKeyRow {
  idempotencyKey: string;
  staffId: string;
  route: string;
  bodyHash: string;
  status: number | null;
  response: unknown;
  createdAt: Date;
  completedAt: Date | null;
}

export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  columns: {
    idempotencyKey: { name: 'idempotency_key', type: 'text', primary: true },
    staffId: { name: 'staff_id', type: 'text', primary: true },
    route: { type: 'text', primary: true },
    bodyHash: { name: 'body_hash', type: 'text' },
    status: { type: 'integer', nullable: true },
    response: { type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    completedAt: { name: 'completed_at', type: 'timestamptz', nullable: true },
  },
  indices: [{ name: 'IDX_idempotency_keys_created_at', columns: ['createdAt'] }],
});

export class IdempotencyKeysTable1764400000001 implements MigrationInterface {
  name = 'IdempotencyKeysTable1764400000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE idempotency_keys (
      idempotency_key text NOT NULL, staff_id text NOT NULL, route text NOT NULL,
      body_hash text NOT NULL, status integer, response jsonb,
      created_at timestamptz NOT NULL, completed_at timestamptz,
      CONSTRAINT "PK_idempotency_keys" PRIMARY KEY (idempotency_key, staff_id, route))`);
    await runner.query('CREATE INDEX "IDX_idempotency_keys_created_at" ON idempotency_keys (created_at)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE idempotency_keys');
  }
}
