import { Inject, Injectable, NotFoundException, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@recert/event-store';
import { Projections, type Projection } from '@recert/read-models';
import type { DataSource } from 'typeorm';
import type { RebuildProjectionJob } from '../../../../libs/jobs/src/queues';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { JobQueue } from '../jobs/job-queue';
import { RunStore, type RunProgress } from '../jobs/run-store';
import { PROJECTION_LIST } from './projection-list';
import type { RebuildRunAnswer } from './rebuild.dto';

const RUN_KIND = 'projection-rebuild';
/** How often the job looks at the checkpoint while the runner rebuilds. */
const FOLLOW_EVERY_MS = 200;
/** A rebuild with no live runner for this long fails its job (the request stays: a runner that starts carries it out). */
export const REBUILD_NO_RUNNER_MS = 60_000;

interface RebuildCheckpoint {
  requested: boolean;
  rebuilding: boolean;
  events_done: string | null;
  runner_live: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /projections/:name/rebuild as a `rebuild-projection` job on the `projections` queue. The
 * job asks the owning runner for a rebuild (`Projections.requestRebuild`; the runner builds fresh
 * shadow tables from the first event and swaps them in) and follows the checkpoint until the
 * swap, writing the events done into the run store. Whichever process owns the projection does
 * the work; the job only watches, so it may run anywhere jobs run.
 */
@Injectable()
export class RebuildJobs implements OnModuleInit {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_LIST) private readonly list: Projection[],
    private readonly projections: Projections,
    private readonly jobs: JobQueue,
    private readonly runs: RunStore,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('rebuild-projection', (job: RebuildProjectionJob, attempt) =>
      this.runs.execute(job.runId, attempt, (progress, save) => this.follow(job.projection, progress, save)),
    );
  }

  async start(projection: string): Promise<{ jobId: string }> {
    this.known(projection);
    const run = await this.runs.create(RUN_KIND, projection);
    await this.jobs.add('projections', run.jobId, { type: 'rebuild-projection', runId: run.jobId, projection });
    return { jobId: run.jobId };
  }

  async progress(projection: string, jobId: string): Promise<RebuildRunAnswer> {
    this.known(projection);
    const run = await this.runs.get(jobId, RUN_KIND);
    if (run.cycle !== projection) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `There is no rebuild ${jobId} of ${projection}.` });
    return { jobId: run.jobId, projection, state: run.state, eventsDone: run.done, head: run.total ?? 0, error: run.error };
  }

  private known(projection: string): void {
    if (!this.list.some((candidate) => candidate.name === projection)) {
      throw new NotFoundException({
        code: 'PROJECTION_NOT_FOUND',
        message: `There is no projection ${projection}; GET /projections lists them (${this.list.map((p) => p.name).join(', ')}).`,
      });
    }
  }

  /** Requests the rebuild, then follows it: `done` is the runner's events done, `total` the head. */
  private async follow(projection: string, progress: RunProgress, save: () => Promise<void>): Promise<void> {
    await this.projections.requestRebuild(projection);
    let runnerSeenAt = Date.now();
    for (;;) {
      const checkpoint = await this.checkpoint(projection);
      progress.total = Number((await this.store.head()).globalPosition);
      if (checkpoint.rebuilding) progress.done = Math.max(progress.done, Number(checkpoint.events_done ?? 0));
      if (!checkpoint.requested && !checkpoint.rebuilding) break;
      if (checkpoint.runner_live) runnerSeenAt = Date.now();
      else if (Date.now() - runnerSeenAt > REBUILD_NO_RUNNER_MS) {
        throw new Error(`No runner has owned ${projection} for ${REBUILD_NO_RUNNER_MS / 1000} s; the rebuild is requested and starts when a worker (or an all-mode API) runs it.`);
      }
      await save();
      await sleep(FOLLOW_EVERY_MS);
    }
    // Swapped: the fresh tables were built from every event up to where they went live.
    progress.done = Math.max(progress.done, await this.eventsUpToCheckpoint(projection));
  }

  private async checkpoint(projection: string): Promise<RebuildCheckpoint> {
    const rows: RebuildCheckpoint[] = await this.dataSource.query(
      `SELECT rebuild_requested_at IS NOT NULL AS requested, rebuild_version IS NOT NULL AS rebuilding,
              rebuild_events_done::text AS events_done, coalesce(lease_until > now(), false) AS runner_live
         FROM projection_checkpoints WHERE projection = $1`,
      [projection],
    );
    if (!rows[0]) throw new Error(`Projection ${projection} has no checkpoint.`);
    return rows[0];
  }

  private async eventsUpToCheckpoint(projection: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(
      `SELECT count(*)::text AS count FROM events
        WHERE global_position <= (SELECT global_position FROM projection_checkpoints WHERE projection = $1)`,
      [projection],
    );
    return Number(rows[0]?.count ?? 0);
  }
}
