import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The projection runners in a process of their own, as production runs them (`npm run
 * start:worker`, RECERT_MODE=worker): the compiled worker's main, started with the bench's own
 * module resolution (tsconfig-paths with TS_NODE_BASEURL), against the bench's database.
 */
export class WorkerProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly env: Record<string, string>) {}

  /** Starts the worker; resolves once it says its runners are running. */
  async start(): Promise<void> {
    if (this.child) return;
    // bench/lib/worker-process.js -> apps/worker/src/main.js in the same build.
    const main = join(__dirname, '..', '..', 'apps', 'worker', 'src', 'main.js');
    // The young generation `npm run start:worker` gives the worker (ADR 11).
    const child = spawn(process.execPath, ['--max-semi-space-size=128', '-r', 'tsconfig-paths/register', main], {
      env: { ...process.env, ...this.env, RECERT_MODE: 'worker' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Recert worker running')) {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it started: ${out.slice(-500)}`)));
    });
  }

  /** Stops the worker as an operator would (SIGTERM: each runner finishes its batch and lets go). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
