import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { revertImport, runImport, runReport, SqlCertificantDirectory, type ReportRequest } from '@recert/jobs';
import type { EventStore } from '@recert/event-store';
import { poolOf } from '@recert/read-models';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import type { ImportsQueueJob, ReportJob } from '../../../../libs/jobs/src/queues';
import { Clock } from '../clock/clock';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { ReportJobEntity, type ReportJobRow } from '../reports/report-jobs-table';
import { JobQueue } from './job-queue';

const PROGRESS_EVERY_MS = 250;

/**
 * The import and report processors, over the libs/jobs engines (cycle runs, issuance and rebuilds
 * register theirs beside their services). Each is idempotent: an import
 * resumes from its stream (rows with an outcome are skipped), a revert withdraws nothing twice,
 * a report already done is left as it is.
 */
@Injectable()
export class JobProcessors implements OnModuleInit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('import', (job) => this.imports(job));
    this.jobs.handle('revert-import', (job) => this.imports(job));
    this.jobs.handle('report', (job) => this.report(job));
  }

  async imports(job: ImportsQueueJob): Promise<unknown> {
    if (job.type === 'revert-import') {
      return revertImport({ store: this.store, clock: this.clock }, { importId: job.importId, reason: job.reason, actor: job.actor });
    }
    const csvPath = job.csvPath;
    const result = await runImport(
      { store: this.store, directory: new SqlCertificantDirectory(poolOf(this.dataSource)), clock: this.clock },
      {
        importId: job.importId,
        kind: job.kind,
        actor: job.actor,
        source: csvPath ? () => createReadStream(csvPath) : (job.rows ?? []),
        ...(job.fileName ? { fileName: job.fileName } : {}),
      },
    );
    if (csvPath) await rm(csvPath, { force: true });
    const { rejections: _rejections, ...totals } = result;
    return totals;
  }

  async report(job: ReportJob): Promise<void> {
    const reports = this.dataSource.getRepository<ReportJobRow>(ReportJobEntity);
    const row = await reports.findOneBy({ reportId: job.reportId });
    if (row?.status === 'done') return;
    await reports.update({ reportId: job.reportId }, { status: 'running', error: null, updatedAt: new Date() });
    let last = 0;
    let writing: Promise<unknown> = Promise.resolve();
    try {
      const result = await runReport(this.store, job.request as ReportRequest, {
        onProgress: (eventsDone, head) => {
          if (Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          writing = writing.then(() => reports.update({ reportId: job.reportId }, { eventsDone, head, updatedAt: new Date() }));
        },
      });
      await writing;
      await reports.update(
        { reportId: job.reportId },
        { status: 'done', result, eventsDone: result.generatedFrom.eventsRead, head: result.generatedFrom.head, updatedAt: new Date() },
      );
    } catch (error) {
      await writing.catch(() => undefined);
      await reports.update({ reportId: job.reportId }, { status: 'failed', error: error instanceof Error ? error.message : String(error), updatedAt: new Date() });
      throw error;
    }
  }
}
