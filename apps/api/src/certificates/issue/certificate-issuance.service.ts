import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { certificateDecider, certificateReadiness, certificateStream, isDomainError, policyFor, type CycleName } from '@recert/domain';
import { randomBytes } from 'node:crypto';
import { lastPosition } from '../../audits/cycle-streams';
import { CommandRunner } from '../../commands/command-runner';
import type { RequestMeta } from '../../commands/request-meta';
import { Runs, type RunProgress } from '../../cycle-admin/runs';
import { CertificateReadinessQuery } from '../readiness/certificate-readiness.query';

/**
 * D7.1, D7.2: IssueCertificate on `certificate-<certificantId>-<cycle>-<certification>` for each
 * certification the readiness read model shows ready. The stream's own guard issues once per
 * certification and cycle, so a second run appends nothing. The verification code is the
 * domain's, derived from 16 random bytes given to the decider.
 */
@Injectable()
export class CertificateIssuance implements OnApplicationShutdown {
  readonly runs = new Runs();

  constructor(
    private readonly commands: CommandRunner,
    private readonly readiness: CertificateReadinessQuery,
  ) {}

  start(cycle: CycleName, meta: RequestMeta): { jobId: string } {
    policyFor(cycle);
    const run = this.runs.start('certificates-issue', cycle, (progress) => this.issue(cycle, meta, progress));
    return { jobId: run.jobId };
  }

  progress(jobId: string): RunProgress {
    return this.runs.get(jobId, 'certificates-');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runs.settle();
  }

  private async issue(cycle: CycleName, meta: RequestMeta, progress: RunProgress): Promise<void> {
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
    }
  }
}
