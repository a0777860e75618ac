import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from '../database/tokens';
import type { JobAttempt } from './job-queue';
import { JobRunEntity, type JobRunRow } from './job-runs-table';

export type RunState = JobRunRow['state'];

/**
 * What `GET /cycles/:cycle/runs/:jobId` and `GET /certificates/runs/:jobId` answer: how far a
 * background run got. `running` covers a run still waiting in its queue.
 */
export interface RunProgress {
  jobId: string;
  kind: string;
  cycle: string;
  state: RunState;
  total: number | null;
  done: number;
  /** Those who got a new event (late reporting started, certification expired, certificate issued). */
  changed: number;
  /** Those the domain refused, with its code (e.g. not ready); the run goes on. */
  refused: { id: string; code: string }[];
  /** What an issuance run issued, with the codes to print (staff only: the run is not public). */
  issued: { certificantId: string; certification: string; verificationCode: string }[];
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  /** The global position of the last event written, for `X-Min-Position` reads. */
  position: number | null;
}

/** Progress is written at most this often while a run works (and always at its end). */
const SAVE_EVERY_MS = 250;

function progressOf(row: JobRunRow): RunProgress {
  return {
    jobId: row.jobId,
    kind: row.kind,
    cycle: row.subject,
    state: row.state,
    total: row.total,
    done: row.done,
    changed: row.changed,
    refused: row.refused,
    issued: row.issued,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
    position: row.position === null ? null : Number(row.position),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one store of background runs (table `job_runs`), shared by cycle close and expiry,
 * certificate issuance and projection rebuilds: an endpoint `create`s the run and enqueues a job
 * naming it; the job's processor `execute`s it, saving progress as it goes; any API process
 * answers `get` from the table.
 */
@Injectable()
export class RunStore {
  private readonly rows: Repository<JobRunRow>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.rows = dataSource.getRepository<JobRunRow>(JobRunEntity);
  }

  async create(kind: string, subject: string): Promise<RunProgress> {
    const now = new Date();
    const row: JobRunRow = {
      jobId: randomUUID(),
      kind,
      subject,
      state: 'running',
      total: null,
      done: 0,
      changed: 0,
      refused: [],
      issued: [],
      position: null,
      error: null,
      startedAt: now,
      finishedAt: null,
      updatedAt: now,
    };
    await this.rows.insert(row);
    return progressOf(row);
  }

  /** The run, if its kind starts with `kindPrefix`; else 404 RUN_NOT_FOUND. */
  async get(jobId: string, kindPrefix: string): Promise<RunProgress> {
    const row = await this.rows.findOneBy({ jobId });
    if (!row || !row.kind.startsWith(kindPrefix)) throw new NotFoundException({ code: 'RUN_NOT_FOUND', message: `There is no run ${jobId}.` });
    return progressOf(row);
  }

  /** Whether a run of `kind` about `subject` has ever completed (the daily check does each milestone's fan-out once). */
  async hasCompleted(kind: string, subject: string): Promise<boolean> {
    return this.rows.existsBy({ kind, subject, state: 'completed' });
  }

  /**
   * Runs `work` for the run `jobId`, saving its progress as it goes. A run already completed is
   * not run again (a job delivered twice). A retry starts the tally of `done` and `refused` over,
   * and keeps `changed` and `issued`: what an earlier attempt wrote stays written, and the domain
   * makes the retry skip it. The run is `failed` only when the queue will not try again.
   */
  async execute(jobId: string, attempt: JobAttempt, work: (progress: RunProgress, save: () => Promise<void>) => Promise<void>): Promise<RunProgress> {
    const row = await this.rows.findOneBy({ jobId });
    if (!row) throw new Error(`There is no run ${jobId} to execute.`);
    if (row.state === 'completed') return progressOf(row);
    const progress: RunProgress = { ...progressOf(row), state: 'running', total: null, done: 0, refused: [], error: null, finishedAt: null };
    let savedAt = 0;
    const save = async (force = false): Promise<void> => {
      if (!force && Date.now() - savedAt < SAVE_EVERY_MS) return;
      savedAt = Date.now();
      await this.rows.update(
        { jobId },
        {
          state: progress.state,
          total: progress.total,
          done: progress.done,
          changed: progress.changed,
          refused: progress.refused,
          issued: progress.issued,
          position: progress.position === null ? null : String(progress.position),
          error: progress.error,
          finishedAt: progress.finishedAt ? new Date(progress.finishedAt) : null,
          updatedAt: new Date(),
        },
      );
    };
    await save(true);
    try {
      await work(progress, () => save());
      progress.state = 'completed';
    } catch (error) {
      if (!attempt.final) {
        await save(true);
        throw error;
      }
      progress.state = 'failed';
      progress.error = messageOf(error);
      progress.finishedAt = new Date().toISOString();
      await save(true);
      throw error;
    }
    progress.finishedAt = new Date().toISOString();
    await save(true);
    return progress;
  }
}
