import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import IORedis from 'ioredis';
import { QUEUE_NAMES, type AnyJob, type JobOfType, type JobPayloads, type JobType, type QueueName } from '../../../../libs/jobs/src/queues';

export type RunQueueName = QueueName;
export const RUN_QUEUES: RunQueueName[] = Object.values(QUEUE_NAMES);

export interface JobState {
  state: 'queued' | 'running' | 'done' | 'failed';
  error?: string;
}

/** Which delivery of a job this is; `final` when the queue will not try it again after a failure. */
export interface JobAttempt {
  attempt: number;
  final: boolean;
}

/** What processes one kind of job; every handler must be idempotent (a job may be delivered again). */
export type JobHandler<T extends JobType> = (payload: JobOfType<T>, attempt: JobAttempt) => Promise<unknown>;

/** A daily time in the body's time zone, and how to tell today's business date there (the in-process timer uses it). */
export interface DailyAt {
  hour: number;
  minute: number;
  timeZone: string;
  today: () => string;
}

/** Retries: processors are idempotent (an import resumes, a report or a run already done is kept). */
const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Where jobs go: BullMQ when Redis answers, else this process (architecture.md "Jobs"). Feature
 * services register a handler per job type (`handle`) when their module starts; `start` begins
 * taking jobs, in the modes that run workers.
 */
export abstract class JobQueue {
  abstract readonly mode: 'bullmq' | 'in-process';
  private readonly handlers = new Map<JobType, (payload: AnyJob, attempt: JobAttempt) => Promise<unknown>>();

  handle<T extends JobType>(type: T, handler: JobHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`A handler for ${type} jobs is registered twice.`);
    this.handlers.set(type, handler as (payload: AnyJob, attempt: JobAttempt) => Promise<unknown>);
  }

  /** Adds a job; a job id already queued or done is not added twice. */
  abstract add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void>;
  /** The job's state as the queue knows it; null when it does not know the id. */
  abstract state(queue: RunQueueName, jobId: string): Promise<JobState | null>;
  /** Begins processing jobs in this process. */
  abstract start(): Promise<void>;
  /** Adds `payload` to the scheduler queue once a day at `at` (idempotent: one schedule per id). */
  abstract scheduleDaily(schedulerId: string, at: DailyAt, payload: JobPayloads['scheduler']): Promise<void>;
  abstract close(): Promise<void>;

  protected dispatch(payload: AnyJob, attempt: JobAttempt): Promise<unknown> {
    const handler = this.handlers.get(payload.type);
    if (!handler) return Promise.reject(new Error(`This process has no handler for ${payload.type} jobs.`));
    return handler(payload, attempt);
  }
}

/** The in-process timer looks at the business date this often; the check runs on the first look after midnight. */
export const IN_PROCESS_SCHEDULE_TICK_MS = 5 * 60 * 1000;

/** No Redis: jobs run one at a time in the background of this process. */
export class InProcessJobQueue extends JobQueue {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('jobs');
  private readonly states = new Map<string, JobState>();
  private readonly timers: NodeJS.Timeout[] = [];
  private tail: Promise<void> = Promise.resolve();

  add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
    const key = `${queue}/${jobId}`;
    const known = this.states.get(key);
    if (known && known.state !== 'failed') return Promise.resolve();
    this.states.set(key, { state: 'queued' });
    this.tail = this.tail.then(async () => {
      this.states.set(key, { state: 'running' });
      try {
        await this.dispatch(payload, { attempt: 1, final: true });
        this.states.set(key, { state: 'done' });
      } catch (error) {
        this.logger.error(`${queue} job ${jobId} failed: ${messageOf(error)}`);
        this.states.set(key, { state: 'failed', error: messageOf(error) });
      }
    });
    return Promise.resolve();
  }

  state(queue: RunQueueName, jobId: string): Promise<JobState | null> {
    return Promise.resolve(this.states.get(`${queue}/${jobId}`) ?? null);
  }

  /** Jobs run as they are added. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * A timer instead of a BullMQ job scheduler: every few minutes it looks at the business date;
   * the first look on a new date (so within minutes after midnight, whatever `at` says) adds the job.
   * Not at start-up: a pinned clock (RECERT_NOW) never changes date, so demos and tests stay still.
   */
  scheduleDaily(schedulerId: string, at: DailyAt, payload: JobPayloads['scheduler']): Promise<void> {
    let checked = at.today();
    const timer = setInterval(() => {
      const today = at.today();
      if (today === checked) return;
      checked = today;
      void this.add('scheduler', `${schedulerId}-${today}`, payload);
    }, IN_PROCESS_SCHEDULE_TICK_MS);
    timer.unref();
    this.timers.push(timer);
    this.logger.log(`No Redis: ${schedulerId} runs on a timer in this process, once a day shortly after midnight in ${at.timeZone}.`);
    return Promise.resolve();
  }

  /** Lets the jobs already queued finish (the database closes after). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.tail;
  }
}

/** BullMQ queues on Redis; `prefix` namespaces every key (tests use one of their own). Workers start with `start()`. */
/**
 * How long a worker's hold on a job lasts without renewal (RECERT_JOB_LOCK_MS, default BullMQ's
 * 30 s): after a crash the job is taken again once this lapses. Stalled jobs are looked for at
 * the same interval.
 */
function jobLock(): { lockDuration: number; stalledInterval: number } {
  const ms = Number(process.env.RECERT_JOB_LOCK_MS) || 30_000;
  return { lockDuration: ms, stalledInterval: ms };
}

export class BullJobQueue extends JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly connection: IORedis;
  private readonly byName = new Map<RunQueueName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.connection = new IORedis(url, { maxRetriesPerRequest: null });
    for (const name of RUN_QUEUES) this.byName.set(name, new Queue(name, { connection: this.connection, prefix }));
  }

  /** The queues, for Bull Board. */
  get queues(): Queue[] {
    return [...this.byName.values()];
  }

  async add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
    await this.queueOf(queue).add(payload.type, payload, { ...JOB_OPTIONS, jobId });
  }

  async state(queue: RunQueueName, jobId: string): Promise<JobState | null> {
    const job = await this.queueOf(queue).getJob(jobId);
    if (!job) return null;
    const state = await job.getState();
    if (state === 'completed') return { state: 'done' };
    if (state === 'failed') return { state: 'failed', error: job.failedReason };
    if (state === 'active') return { state: 'running' };
    return { state: 'queued' };
  }

  start(): Promise<void> {
    if (this.workers.length > 0) return Promise.resolve();
    for (const name of RUN_QUEUES) {
      const logger = new Logger(`jobs:${name}`);
      const worker = new Worker(
        name,
        (job: Job) => {
          const attempt = job.attemptsMade + 1;
          return this.dispatch(job.data as AnyJob, { attempt, final: attempt >= (job.opts.attempts ?? 1) });
        },
        // A worker killed mid-job leaves it active until its lock lapses; another worker (or this
        // one restarted) then takes it again. Allow that as often as a job may be retried.
        { connection: this.connection, prefix: this.prefix, concurrency: 1, maxStalledCount: JOB_OPTIONS.attempts, ...jobLock() },
      );
      worker.on('failed', (job, error) => logger.error(`job ${job?.id ?? '?'} failed: ${error.message}`));
      worker.on('error', (error) => logger.error(error.message));
      this.workers.push(worker);
    }
    return Promise.resolve();
  }

  /** A BullMQ job scheduler: a cron in the body's time zone, upserted (every worker may call it). */
  async scheduleDaily(schedulerId: string, at: DailyAt, payload: JobPayloads['scheduler']): Promise<void> {
    const { removeOnComplete, removeOnFail, attempts, backoff } = JOB_OPTIONS;
    await this.queueOf('scheduler').upsertJobScheduler(
      schedulerId,
      { pattern: `${at.minute} ${at.hour} * * *`, tz: at.timeZone },
      { name: payload.type, data: payload, opts: { removeOnComplete, removeOnFail, attempts, backoff } },
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.connection.quit();
  }

  private queueOf(name: RunQueueName): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`No queue ${name}`);
    return queue;
  }
}
