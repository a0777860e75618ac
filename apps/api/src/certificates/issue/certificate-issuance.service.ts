import { Injectable, type OnModuleInit } from '@nestjs/common';
import { certificateDecider, certificateReadiness, certificateStream, isDomainError, policyFor, type CycleName } from '@recert/domain';
import { randomBytes } from 'node:crypto';
import type { IssueCertificatesJob } from '../../../../../libs/jobs/src/queues';
import { lastPosition } from '../../audits/cycle-streams';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { JobQueue } from '../../jobs/job-queue';
import { RunStore, type RunProgress } from '../../jobs/run-store';
import { CertificateReadinessQuery } from '../readiness/certificate-readiness.query';

/**
 * D7.1, D7.2: IssueCertificate on `certificate-<certificantId>-<cycle>-<certification>` for each
 * certification the readiness read model shows ready, as an `issue-certificates` job on the
 * `scheduler` queue with its progress in the run store. The stream's own guard issues once per
 * certification and cycle, so a second run (or a job delivered twice) appends nothing. The
 * verification code is the domain's, derived from 16 random bytes given to the decider.
 */
@Injectable()
export class CertificateIssuance implements OnModuleInit {
  constructor(
    private readonly commands: CommandRunner,
    private readonly readiness: CertificateReadinessQuery,
    private readonly jobs: JobQueue,
    private readonly runs: RunStore,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('issue-certificates', (job: IssueCertificatesJob, attempt) =>
      this.runs.execute(job.runId, attempt, (progress, save) => this.issue(job.cycle, job.meta, progress, save)),
    );
  }

  async start(cycle: CycleName, meta: RequestMeta): Promise<{ jobId: string }> {
    policyFor(cycle);
    const run = await this.runs.create('certificates-issue', cycle);
    await this.jobs.add('scheduler', run.jobId, { type: 'issue-certificates', runId: run.jobId, cycle, meta });
    return { jobId: run.jobId };
  }

  progress(jobId: string): Promise<RunProgress> {
    return this.runs.get(jobId, 'certificates-');
  }

  private async issue(cycle: CycleName, meta: RequestMeta, progress: RunProgress, save: () => Promise<void>): Promise<void> {
    const statuses = await this.readiness.allStatuses(cycle);
    const ready = statuses.flatMap(({ certificantId, status }) =>
      status.certifications
        .filter((held) => certificateReadiness(status, held.certification).ready)
        .map((held) => ({ certificantId, status, certification: held.certification })),
    );
    progress.total = ready.length;
    for (const { certificantId, status, certification } of ready) {
      try {
        const outcome = await this.commands.run(
          certificateDecider,
          certificateStream(certificantId, cycle, certification),
          { type: 'IssueCertificate', certificantId, cycle, certification },
          meta,
          { extra: { status, seed: randomBytes(16).toString('hex') } },
        );
        for (const event of outcome.events) {
          progress.changed += 1;
          progress.issued.push({ certificantId, certification, verificationCode: event.data.verificationCode });
        }
        progress.position = lastPosition(outcome) ?? progress.position;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        progress.refused.push({ id: `${certificantId}/${certification}`, code: error.code });
      }
      progress.done += 1;
      await save();
    }
  }
}
