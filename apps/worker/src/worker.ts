import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { RecertConfig } from '../../api/src/config/recert-config';
import { WorkerModule } from './worker.module';

/**
 * Starts the projection runners of every read model in the catalogue and the job workers, without HTTP. Several
 * workers (and `all`-mode APIs) may run against one database: each projection has one owner at
 * a time and a standby takes over when it stops (see ProjectionRunners).
 */
export async function createWorker(config: RecertConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot({ ...config, RECERT_MODE: 'worker' }), {
    bufferLogs: true,
    ...(config.LOG_LEVEL === 'silent' ? { logger: false } : {}),
  });
  worker.useLogger(worker.get(PinoLogger));
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
