import { Global, Inject, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import type { RecertConfig } from '../config/recert-config';
import { RECERT_CONFIG } from '../database/tokens';
import { pingRedis } from '../operations/redis-ping';
import { JobProcessors } from './job-processors';
import { BullJobQueue, InProcessJobQueue, JobQueue } from './job-queue';

/** BullMQ keys start with this (RECERT_QUEUE_PREFIX; default `recert`), so apps and tests can share one Redis. */
export function queuePrefix(): string {
  return process.env.RECERT_QUEUE_PREFIX || 'recert';
}

async function redisAnswers(url: string): Promise<boolean> {
  try {
    await pingRedis(url, 1_000);
    return true;
  } catch {
    return false;
  }
}

class JobsLifecycle implements OnModuleDestroy {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}

/** The job queues: BullMQ when REDIS_URL is set and Redis answers; else the same processors in this process. */
@Global()
@Module({
  providers: [
    JobProcessors,
    {
      provide: JobQueue,
      inject: [RECERT_CONFIG, JobProcessors],
      useFactory: async (config: RecertConfig, processors: JobProcessors): Promise<JobQueue> => {
        const logger = new Logger('jobs');
        if (config.REDIS_URL && (await redisAnswers(config.REDIS_URL))) {
          logger.log(`Jobs run on BullMQ (prefix ${queuePrefix()})`);
          return new BullJobQueue(config.REDIS_URL, queuePrefix(), processors.process);
        }
        logger.warn(`Redis is ${config.REDIS_URL ? 'not reachable' : 'not configured'}: jobs run in this process`);
        return new InProcessJobQueue(processors.process);
      },
    },
    JobsLifecycle,
  ],
  exports: [JobQueue],
})
export class JobsModule {}
