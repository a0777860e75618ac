import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One background run (cycle close or expiry, certificate issuance, a projection rebuild): its
 * progress, in PostgreSQL so it survives a restart and a Redis flush and every API process
 * answers the same. The record of what the run did is in the event store; this is the tally.
 */
export interface JobRunRow {
  jobId: string;
  /** `cycle-close`, `cycle-expire`, `certificates-issue`, `projection-rebuild`. */
  kind: string;
  /** What the run is about: a cycle name, or a projection name. */
  subject: string;
  state: 'running' | 'completed' | 'failed';
  total: number | null;
  done: number;
  changed: number;
  refused: { id: string; code: string }[];
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  position: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  updatedAt: Date;
}

export const JobRunEntity = new EntitySchema<JobRunRow>({
  name: 'JobRun',
  tableName: 'job_runs',
  columns: {
    jobId: { name: 'job_id', type: 'text', primary: true },
    kind: { type: 'text' },
    subject: { type: 'text' },
    state: { type: 'text' },
    total: { type: 'integer', nullable: true },
    done: { type: 'integer', default: 0 },
    changed: { type: 'integer', default: 0 },
    refused: { type: 'jsonb' },
    issued: { type: 'jsonb' },
    position: { type: 'bigint', nullable: true },
    error: { type: 'text', nullable: true },
    startedAt: { name: 'started_at', type: 'timestamptz' },
    finishedAt: { name: 'finished_at', type: 'timestamptz', nullable: true },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

export class JobRunsTable1764600000000 implements MigrationInterface {
  name = 'JobRunsTable1764600000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE job_runs (
      job_id text NOT NULL, kind text NOT NULL, subject text NOT NULL, state text NOT NULL,
      total integer, done integer NOT NULL DEFAULT 0, changed integer NOT NULL DEFAULT 0,
      refused jsonb NOT NULL, issued jsonb NOT NULL, position bigint, error text,
      started_at timestamptz NOT NULL, finished_at timestamptz, updated_at timestamptz NOT NULL,
      CONSTRAINT "PK_job_runs" PRIMARY KEY (job_id))`);
    await runner.query('CREATE INDEX "IDX_job_runs_kind_subject" ON job_runs (kind, subject, state)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE job_runs');
  }
}
