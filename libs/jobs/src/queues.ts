import type { Actor, CycleName } from '@recert/domain';
import type { ReportType } from './reports/report';

/**
 * The BullMQ queues (architecture.md "Jobs"); the in-process fallback uses the same names.
 * `scheduler` carries the cycle work, by the calendar (the daily check) or asked for (close,
 * expire, issue); `projections` carries rebuilds.
 */
export const QUEUE_NAMES = { imports: 'imports', reports: 'reports', projections: 'projections', scheduler: 'scheduler' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Who asked, carried into the metadata of every event a job appends (the API's RequestMeta). */
export interface JobMeta {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
  source: string;
}

/** An import to run: JSON rows in the payload, or a CSV file on this machine's disk (a multipart upload). */
export interface ImportJob {
  type: 'import';
  importId: string;
  kind: string;
  actor: Actor;
  rows?: Record<string, unknown>[];
  csvPath?: string;
  fileName?: string;
}

/** A revert of an import (POST /imports/:importId/revert). */
export interface RevertImportJob {
  type: 'revert-import';
  importId: string;
  reason: string;
  actor: Actor;
}

export type ImportsQueueJob = ImportJob | RevertImportJob;

/** A report to build; the request is complete (defaults resolved) so a retry builds the same report. */
export interface ReportJob {
  type: 'report';
  reportId: string;
  request: { type: ReportType; cycle?: CycleName; asOf: string; knownAt: string };
}

/** A rebuild of one read model (POST /projections/:name/rebuild); `runId` is its row in the run table. */
export interface RebuildProjectionJob {
  type: 'rebuild-projection';
  runId: string;
  projection: string;
}

/** The fan-out after a cycle's close (D2.3) or the end of its late window (D2.4). */
export interface CycleMilestoneJob {
  type: 'close-cycle' | 'expire-cycle';
  runId: string;
  cycle: CycleName;
  asOf: string;
  meta: JobMeta;
}

/** Certificates for every ready certification of a cycle (D7.1). */
export interface IssueCertificatesJob {
  type: 'issue-certificates';
  runId: string;
  cycle: CycleName;
  meta: JobMeta;
}

/** The daily look at the calendar: closes and expires every cycle whose date has passed. */
export interface DailyCycleCheckJob {
  type: 'daily-cycle-check';
}

export type SchedulerQueueJob = CycleMilestoneJob | IssueCertificatesJob | DailyCycleCheckJob;

export interface JobPayloads {
  imports: ImportsQueueJob;
  reports: ReportJob;
  projections: RebuildProjectionJob;
  scheduler: SchedulerQueueJob;
}

/** Every job, of every queue. */
export type AnyJob = JobPayloads[QueueName];
export type JobType = AnyJob['type'];
export type JobOfType<T extends JobType> = Extract<AnyJob, { type: T }>;
