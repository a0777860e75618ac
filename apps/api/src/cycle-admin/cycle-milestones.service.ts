import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { cycleAdminDecider, cycleAdminStream, isDomainError, policyFor, type CycleCommand, type CycleName } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { CycleStatusCertificantEntity } from '@recert/read-models';
import type { CycleMilestoneJob } from '../../../../libs/jobs/src/queues';
import { CycleStreams, lastPosition, stepOf } from '../audits/cycle-streams';
import { CommandRunner } from '../commands/command-runner';
import type { RequestMeta } from '../commands/request-meta';
import { Clock } from '../clock/clock';
import { DATA_SOURCE } from '../database/tokens';
import { JobQueue, type JobAttempt } from '../jobs/job-queue';
import { RunStore, type RunProgress } from '../jobs/run-store';
import type { Milestone } from './due-milestones';

const RUN_KIND: Record<Milestone, string> = { close: 'cycle-close', expire: 'cycle-expire' };
const JOB_TYPE: Record<Milestone, CycleMilestoneJob['type']> = { close: 'close-cycle', expire: 'expire-cycle' };

/**
 * D2.3, D2.4: closing a cycle (CloseCycle, then StartLateReporting for each certificant) and
 * ending its late window (EndGracePeriod, then ExpireCertification). The milestone on
 * `cycle-admin-<cycle>` is decided in the request, so a refusal (CYCLE_NOT_OVER...) answers at
 * once; the fan-out is a job on the `scheduler` queue with its progress in the run store. Each
 * cycle command judges completeness itself (on the deadline, on the last day of the window) and
 * is idempotent, so running either twice, or a job delivered twice, appends nothing.
 */
@Injectable()
export class CycleMilestones implements OnModuleInit {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly runs: RunStore,
  ) {}

  onModuleInit(): void {
    const fanOut = (milestone: Milestone) => (job: CycleMilestoneJob, attempt: JobAttempt) =>
      this.runs.execute(job.runId, attempt, (progress, save) => this.fanOut(milestone, job.cycle, job.asOf, job.meta, progress, save));
    this.jobs.handle('close-cycle', fanOut('close'));
    this.jobs.handle('expire-cycle', fanOut('expire'));
  }

  close(cycle: CycleName, asOf: string | undefined, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    return this.start('close', cycle, asOf ?? this.clock.today(), meta);
  }

  expire(cycle: CycleName, asOf: string | undefined, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    return this.start('expire', cycle, asOf ?? this.clock.today(), meta);
  }

  async progress(cycle: CycleName, jobId: string): Promise<RunProgress> {
    policyFor(cycle);
    const run = await this.runs.get(jobId, 'cycle-');
    if (run.cycle !== cycle) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `There is no run ${jobId} for ${cycle}.` });
    return run;
  }

  /** The daily check's way: the milestone, then the fan-out in this job (so expiry follows its close), unless a fan-out already completed. */
  async runNow(milestone: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta): Promise<RunProgress | null> {
    if (await this.runs.hasCompleted(RUN_KIND[milestone], cycle)) return null;
    await this.decide(milestone, cycle, asOf, meta);
    const run = await this.runs.create(RUN_KIND[milestone], cycle);
    return this.runs.execute(run.jobId, { attempt: 1, final: true }, (progress, save) => this.fanOut(milestone, cycle, asOf, meta, progress, save));
  }

  private async start(milestone: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    const position = await this.decide(milestone, cycle, asOf, meta);
    const run = await this.runs.create(RUN_KIND[milestone], cycle);
    await this.jobs.add('scheduler', run.jobId, { type: JOB_TYPE[milestone], runId: run.jobId, cycle, asOf, meta });
    return { jobId: run.jobId, position };
  }

  /** CloseCycle or EndGracePeriod on `cycle-admin-<cycle>`; the position of the event written now, if any. */
  private async decide(milestone: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta): Promise<number | null> {
    const outcome = await this.commands.run(
      cycleAdminDecider,
      cycleAdminStream(cycle),
      milestone === 'close' ? { type: 'CloseCycle', cycle, asOf } : { type: 'EndGracePeriod', cycle, asOf },
      meta,
      { extra: { policy: policyFor(cycle) } },
    );
    return lastPosition(outcome);
  }

  private async fanOut(milestone: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta, progress: RunProgress, save: () => Promise<void>): Promise<void> {
    const ids = await this.certificantIds();
    progress.total = ids.length;
    for (const certificantId of ids) {
      const command: CycleCommand =
        milestone === 'close'
          ? { type: 'StartLateReporting', certificantId, cycle, asOf }
          : { type: 'ExpireCertification', certificantId, cycle, asOf, reason: 'late-window-over' };
      try {
        const records = await this.cycles.records(certificantId, cycle);
        const outcome = await this.cycles.send(records, command, stepOf(meta, `${milestone}:${certificantId}`));
        if (outcome.events.length > 0) progress.changed += 1;
        progress.position = lastPosition(outcome) ?? progress.position;
      } catch (error) {
        // One person's refusal (no certification in this cycle...) does not stop the others.
        if (!isDomainError(error)) throw error;
        progress.refused.push({ id: certificantId, code: error.code });
      }
      progress.done += 1;
      await save();
    }
  }

  /** Every registered certificant (merged-away accounts are read with their survivor), from the cycle-status read model. */
  private async certificantIds(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(CycleStatusCertificantEntity).find({ order: { certificantId: 'ASC' } });
    return rows.filter((row) => row.state.status === 'registered').map((row) => row.certificantId);
  }
}
