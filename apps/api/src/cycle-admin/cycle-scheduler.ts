import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { isDomainError } from '@recert/domain';
import { randomUUID } from 'node:crypto';
import type { RequestMeta } from '../commands/request-meta';
import { Clock } from '../clock/clock';
import type { RecertConfig } from '../config/recert-config';
import { RECERT_CONFIG } from '../database/tokens';
import { JobQueue } from '../jobs/job-queue';
import { runsWorkers } from '../jobs/jobs.module';
import { CycleMilestones } from './cycle-milestones.service';
import { dueMilestones, type Milestone } from './due-milestones';

/** The job scheduler's id on the `scheduler` queue. */
export const DAILY_CYCLE_CHECK = 'daily-cycle-check';
/** 00:05 in RECERT_TIME_ZONE: the first minutes of a new business date. */
export const DAILY_CYCLE_CHECK_AT = { hour: 0, minute: 5 };

export interface CycleCheckOutcome {
  asOf: string;
  /** Each due milestone: the run that did its fan-out now, or `null` when one had already completed. */
  runs: { milestone: Milestone; cycle: string; jobId: string | null; changed: number }[];
}

/**
 * The calendar (issue 5): once a day, close every cycle whose deadline has passed and expire
 * every cycle whose late window is over, as of today's business date in RECERT_TIME_ZONE. Close
 * and expiry are idempotent, so a daily look is safe and heals a missed or failed day. A BullMQ
 * job scheduler on Redis, a timer in the process without it; only where jobs are worked
 * (RECERT_MODE all or worker).
 */
@Injectable()
export class CycleScheduler implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('scheduler');

  constructor(
    @Inject(RECERT_CONFIG) private readonly config: RecertConfig,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
    private readonly milestones: CycleMilestones,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('daily-cycle-check', () => this.check());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorkers(this.config)) return;
    await this.jobs.scheduleDaily(
      DAILY_CYCLE_CHECK,
      { ...DAILY_CYCLE_CHECK_AT, timeZone: this.config.RECERT_TIME_ZONE, today: () => this.clock.today() },
      { type: 'daily-cycle-check' },
    );
  }

  /** The daily check's work, as of the clock's business date. */
  async check(): Promise<CycleCheckOutcome> {
    const asOf = this.clock.today();
    const meta: RequestMeta = { actor: 'system', correlationId: randomUUID(), source: 'scheduler' };
    const outcome: CycleCheckOutcome = { asOf, runs: [] };
    for (const { milestone, cycle } of dueMilestones(asOf)) {
      let run;
      try {
        run = await this.milestones.runNow(milestone, cycle, asOf, meta);
      } catch (error) {
        // A refusal for one cycle (its policy says otherwise) leaves the others to do; anything else retries the job.
        if (!isDomainError(error)) throw error;
        this.logger.warn(`${cycle} ${milestone} refused as of ${asOf}: ${error.code} ${error.message}`);
        continue;
      }
      if (run) this.logger.log(`${cycle} ${milestone}: ${run.changed} of ${run.total ?? 0} certificants changed as of ${asOf}.`);
      outcome.runs.push({ milestone, cycle, jobId: run?.jobId ?? null, changed: run?.changed ?? 0 });
    }
    return outcome;
  }
}
