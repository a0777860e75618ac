import { createReadStream } from 'node:fs';
import { PostgresEventStore } from '@recert/event-store';
import { InMemoryCertificantDirectory } from '../certificant-directory';
import { runImport } from '../run-import';
import { TODAY } from './import-test-world';

/**
 * The import as a worker runs it, in a process of its own, so a test can kill it with SIGKILL
 * mid-import. Argv: databaseUrl schema importId csvPath. Prints one line per committed batch.
 */
async function main(): Promise<void> {
  const [databaseUrl, schema, importId, file] = process.argv.slice(2);
  const store = await PostgresEventStore.create({ connectionString: databaseUrl, schema, listen: false, migrate: false });
  try {
    await runImport(
      { store, directory: new InMemoryCertificantDirectory(), clock: { now: () => new Date(`${TODAY}T12:00:00Z`), today: () => TODAY } },
      { importId, kind: 'event-attendance', actor: 'system', source: () => createReadStream(file) },
      { batchSize: 500, onProgress: (p) => void process.stdout.write(`progress ${p.processedRows}\n`) },
    );
    process.stdout.write('done\n');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
