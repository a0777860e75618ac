import 'reflect-metadata';
import { createApp } from './app';
import { InvalidConfiguration, loadRecertConfig } from './config/recert-config';

async function main(): Promise<void> {
  const config = loadRecertConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.PORT);
  const where = config.DATABASE_URL ? 'PostgreSQL' : `the embedded database in ${config.DATA_DIR}`;
  console.log(`Recert is listening on http://localhost:${config.PORT} (docs at /docs), on ${where}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InvalidConfiguration ? error.message : error);
  process.exit(1);
});
