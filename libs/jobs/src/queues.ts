import type { Actor, CycleName } from '@recert/domain';
import type { ReportType } from './reports/report';

/** The BullMQ queues (architecture.md "Jobs"); the in-process fallback uses the same names. */
export const QUEUE_NAMES = { imports: 'imports', reports: 'reports', projections: 'projections', scheduler: 'scheduler' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

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

export interface RebuildProjectionJob {
  type: 'rebuild-projection';
  projection: string;
}

export interface SchedulerJob {
  type: 'close-cycle' | 'expire-cycle';
  cycle: CycleName;
  asOf: string;
}

export interface JobPayloads {
  imports: ImportsQueueJob;
  reports: ReportJob;
  projections: RebuildProjectionJob;
  scheduler: SchedulerJob;
}
