import { Inject, Injectable, NotFoundException, type OnApplicationShutdown } from '@nestjs/common';
import {
  cycleAdminDecider,
  cycleAdminStream,
  isDomainError,
  policyFor,
  type CycleCommand,
  type CycleName,
} from '@recert/domain';
import type { DataSource } from 'typeorm';
import { ReadinessCertificantEntity } from '@recert/read-models';
import { CycleStreams, lastPosition, stepOf } from '../audits/cycle-streams';
import { CommandRunner } from '../commands/command-runner';
import type { RequestMeta } from '../commands/request-meta';
import { Clock } from '../clock/clock';
import { DATA_SOURCE } from '../database/tokens';
import { Runs, type RunProgress } from './runs';

type Milestone = 'close' | 'expire';

/**
 * D2.3, D2.4: closing a cycle (CloseCycle, then StartLateReporting for each certificant) and
 * ending its late window (EndGracePeriod, then ExpireCertification). The milestone on
 * `cycle-admin-<cycle>` is decided in the request, so a refusal (CYCLE_NOT_OVER...) answers at
 * once; the fan-out runs in the background and is tracked. Each cycle command judges completeness
 * itself (on the deadline, on the last day of the window) and is idempotent, so running either
 * twice appends nothing.
 */
@Injectable()
export class CycleMilestones implements OnApplicationShutdown {
  readonly runs = new Runs();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly commands: CommandRunner,
    private readonly cycles: CycleStreams,
    private readonly clock: Clock,
  ) {}

  async close(cycle: CycleName, asOf: string | undefined, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    return this.milestone('close', cycle, asOf ?? this.clock.today(), meta);
  }

  async expire(cycle: CycleName, asOf: string | undefined, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    return this.milestone('expire', cycle, asOf ?? this.clock.today(), meta);
  }

  progress(cycle: CycleName, jobId: string): RunProgress {
    policyFor(cycle);
    const run = this.runs.get(jobId, 'cycle-');
    if (run.cycle !== cycle) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `There is no run ${jobId} for ${cycle}.` });
    return run;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runs.settle();
  }

  private async milestone(kind: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta): Promise<{ jobId: string; position: number | null }> {
    const policy = policyFor(cycle);
    const outcome = await this.commands.run(
      cycleAdminDecider,
      cycleAdminStream(cycle),
      kind === 'close' ? { type: 'CloseCycle', cycle, asOf } : { type: 'EndGracePeriod', cycle, asOf },
      meta,
      { extra: { policy } },
    );
    const run = this.runs.start(`cycle-${kind}`, cycle, (progress) => this.fanOut(kind, cycle, asOf, meta, progress));
    return { jobId: run.jobId, position: lastPosition(outcome) };
  }

  private async fanOut(kind: Milestone, cycle: CycleName, asOf: string, meta: RequestMeta, progress: RunProgress): Promise<void> {
    const ids = await this.certificantIds();
    progress.total = ids.length;
    for (const certificantId of ids) {
      const command: CycleCommand =
        kind === 'close'
          ? { type: 'StartLateReporting', certificantId, cycle, asOf }
          : { type: 'ExpireCertification', certificantId, cycle, asOf, reason: 'late-window-over' };
      try {
        const records = await this.cycles.records(certificantId, cycle);
        const outcome = await this.cycles.send(records, command, stepOf(meta, `${kind}:${certificantId}`));
        if (outcome.events.length > 0) progress.changed += 1;
        progress.position = lastPosition(outcome) ?? progress.position;
      } catch (error) {
        // One person's refusal (no certification in this cycle...) does not stop the others.
        if (!isDomainError(error)) throw error;
        progress.refused.push({ id: certificantId, code: error.code });
      }
      progress.done += 1;
    }
  }

  /** Every registered certificant (merged-away accounts are read with their survivor), from the readiness read model. */
  private async certificantIds(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ReadinessCertificantEntity).find({ order: { certificantId: 'ASC' } });
    return rows.filter((row) => row.state.status === 'registered').map((row) => row.certificantId);
  }
}
