import 'reflect-metadata';
import { InvalidConfiguration, loadRecertConfig } from '../../api/src/config/recert-config';
import { JobQueue } from '../../api/src/jobs/job-queue';
import { ProjectionRunners } from '../../api/src/projections/projection-runners';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadRecertConfig({ ...process.env, RECERT_MODE: 'worker' });
  const worker = await createWorker(config);
  const projections = worker.get(ProjectionRunners).runners.map((runner) => runner.projection.name);
  const jobs = worker.get(JobQueue).mode === 'bullmq' ? 'working the BullMQ queues' : 'with no Redis, so no queue to work';
  console.log(`Recert worker running ${projections.length} projections (${projections.join(', ') || 'none yet'}), ${jobs}; stop it with Ctrl-C.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfiguration ? error.message : error);
  process.exit(1);
});
