import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a run's results as `<name>-<timestamp>.json` under BENCH_RESULTS_DIR (default bench/results). */
export function writeResults(name: string, results: object): string {
  const dir = process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}
