import 'reflect-metadata';
import { InvalidConfiguration, loadRecertConfig } from '../../api/src/config/recert-config';
import { ProjectionRunners } from '../../api/src/projections/projection-runners';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadRecertConfig({ ...process.env, RECERT_MODE: 'worker' });
  const worker = await createWorker(config);
  const projections = worker.get(ProjectionRunners).runners.map((runner) => runner.projection.name);
  console.log(`Recert worker running ${projections.length} projections (${projections.join(', ') || 'none yet'}); stop it with Ctrl-C.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfiguration ? error.message : error);
  process.exit(1);
});
