import { Logger } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { JobPayloads } from '../../../../libs/jobs/src/queues';

/** The queues with a worker in this app (projections and scheduler: names reserved, no jobs yet). */
export type RunQueueName = 'imports' | 'reports';
export const RUN_QUEUES: RunQueueName[] = ['imports', 'reports'];

export interface JobState {
  state: 'queued' | 'running' | 'done' | 'failed';
  error?: string;
}

/** One function per job kind, shared by the BullMQ workers and the in-process queue. */
export type Processor = <Q extends RunQueueName>(queue: Q, payload: JobPayloads[Q]) => Promise<unknown>;

/** Where jobs go: BullMQ when Redis answers, else this process (architecture.md "Jobs"). */
export abstract class JobQueue {
  abstract readonly mode: 'bullmq' | 'in-process';
  /** Adds a job; a job id already queued or done is not added twice. */
  abstract add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void>;
  /** The job's state as the queue knows it; null when it does not know the id. */
  abstract state(queue: RunQueueName, jobId: string): Promise<JobState | null>;
  abstract close(): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** No Redis: jobs run one at a time in the background of this process. */
export class InProcessJobQueue extends JobQueue {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('jobs');
  private readonly states = new Map<string, JobState>();
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly process: Processor) {
    super();
  }

  add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
    const key = `${queue}/${jobId}`;
    const known = this.states.get(key);
    if (known && known.state !== 'failed') return Promise.resolve();
    this.states.set(key, { state: 'queued' });
    this.tail = this.tail.then(async () => {
      this.states.set(key, { state: 'running' });
      try {
        await this.process(queue, payload);
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

  /** Lets the jobs already queued finish (the database closes after). */
  async close(): Promise<void> {
    await this.tail;
  }
}

/** BullMQ queues and workers on Redis; `prefix` namespaces every key (tests use one of their own). */
export class BullJobQueue extends JobQueue {
  readonly mode = 'bullmq' as const;
  private readonly connection: IORedis;
  private readonly queues = new Map<RunQueueName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(url: string, prefix: string, process: Processor) {
    super();
    this.connection = new IORedis(url, { maxRetriesPerRequest: null });
    for (const name of RUN_QUEUES) {
      this.queues.set(name, new Queue(name, { connection: this.connection, prefix }));
      const logger = new Logger(`jobs:${name}`);
      const worker = new Worker(name, (job: Job) => process(name, job.data as JobPayloads[typeof name]), { connection: this.connection, prefix, concurrency: 1 });
      worker.on('failed', (job, error) => logger.error(`job ${job?.id ?? '?'} failed: ${error.message}`));
      worker.on('error', (error) => logger.error(error.message));
      this.workers.push(worker);
    }
  }

  async add<Q extends RunQueueName>(queue: Q, jobId: string, payload: JobPayloads[Q]): Promise<void> {
    // Processors are idempotent (an import resumes, a report already done is kept), so retries are safe.
    await this.queueOf(queue).add(payload.type, payload, {
      jobId,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
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

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection.quit();
  }

  private queueOf(name: RunQueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue ${name}`);
    return queue;
  }
}
