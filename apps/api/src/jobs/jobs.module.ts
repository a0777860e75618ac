import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { RecertConfig } from '../config/recert-config';
import { RECERT_CONFIG } from '../database/tokens';
import { pingRedis } from '../operations/redis-ping';
import { JobProcessors } from './job-processors';
import { BullJobQueue, InProcessJobQueue, JobQueue } from './job-queue';
import { RunStore } from './run-store';

/** BullMQ keys start with this (RECERT_QUEUE_PREFIX; default `recert`), so apps and tests can share one Redis. */
export function queuePrefix(): string {
  return process.env.RECERT_QUEUE_PREFIX || 'recert';
}

/** `all` and `worker` take jobs off the queues and run the schedulers; `api` only adds jobs (when BullMQ carries them). */
export function runsWorkers(config: Pick<RecertConfig, 'RECERT_MODE'>): boolean {
  return config.RECERT_MODE !== 'api';
}

async function redisAnswers(url: string): Promise<boolean> {
  try {
    await pingRedis(url, 1_000);
    return true;
  } catch {
    return false;
  }
}

class JobsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(RECERT_CONFIG) private readonly config: RecertConfig,
  ) {}

  /** After every module registered its handlers. */
  async onApplicationBootstrap(): Promise<void> {
    if (runsWorkers(this.config)) await this.queue.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * The job queues: BullMQ when REDIS_URL is set and Redis answers; else the same handlers in this
 * process (which then runs them whatever its mode: nothing else could). The run store keeps the
 * progress of cycle runs, issuance and rebuilds.
 */
@Global()
@Module({
  providers: [
    {
      provide: JobQueue,
      inject: [RECERT_CONFIG],
      useFactory: async (config: RecertConfig): Promise<JobQueue> => {
        const logger = new Logger('jobs');
        if (config.REDIS_URL && (await redisAnswers(config.REDIS_URL))) {
          logger.log(`Jobs run on BullMQ (prefix ${queuePrefix()})${runsWorkers(config) ? '' : '; this api process only adds them'}`);
          return new BullJobQueue(config.REDIS_URL, queuePrefix());
        }
        logger.warn(`Redis is ${config.REDIS_URL ? 'not reachable' : 'not configured'}: jobs run in this process`);
        return new InProcessJobQueue();
      },
    },
    JobProcessors,
    RunStore,
    JobsLifecycle,
  ],
  exports: [JobQueue, RunStore],
})
export class JobsModule {}
