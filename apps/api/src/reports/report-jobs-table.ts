import { EntitySchema, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { ReportResult } from '@recert/jobs';

export type ReportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** One report asked for (POST /reports): its request, progress and, once built, its result; survives a restart and a Redis flush. */
export interface ReportJobRow {
  reportId: string;
  status: ReportJobStatus;
  request: { type: string; cycle?: string; asOf: string; knownAt: string };
  eventsDone: number;
  head: unknown;
  result: ReportResult | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ReportJobEntity = new EntitySchema<ReportJobRow>({
  name: 'ReportJob',
  tableName: 'report_jobs',
  columns: {
    reportId: { name: 'report_id', type: 'text', primary: true },
    status: { type: 'text' },
    request: { type: 'jsonb' },
    eventsDone: { name: 'events_done', type: 'integer', default: 0 },
    head: { type: 'jsonb', nullable: true },
    result: { type: 'jsonb', nullable: true },
    error: { type: 'text', nullable: true },
    requestedBy: { name: 'requested_by', type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});

export class ReportJobsTable1764500000050 implements MigrationInterface {
  name = 'ReportJobsTable1764500000050';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE report_jobs (
      report_id text NOT NULL, status text NOT NULL, request jsonb NOT NULL,
      events_done integer NOT NULL DEFAULT 0, head jsonb, result jsonb, error text, requested_by text,
      created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      CONSTRAINT "PK_report_jobs" PRIMARY KEY (report_id))`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE report_jobs');
  }
}
