import { Presets, SingleBar } from 'cli-progress';
import type { CliContext } from './cli-context';

/**
 * How far a job got: a bar on stdout when stdout is a terminal; otherwise plain lines on stderr
 * (at most one a second, and the last), so a log or a pipe gets readable progress and stdout
 * keeps only the results.
 */
export class Progress {
  private bar: SingleBar | null = null;
  private lastLine = 0;
  private last: { done: number; total: number | null } | null = null;

  constructor(
    private readonly context: CliContext,
    private readonly label: string,
    private readonly unit: string,
  ) {}

  /** Where the job is; `total` null while it is not known yet. */
  update(done: number, total: number | null): void {
    const stdout = this.context.io.stdout as NodeJS.WritableStream & { isTTY?: boolean };
    if (stdout.isTTY) {
      this.drawBar(stdout, done, total);
    } else if (this.last?.done !== done || this.last.total !== total) {
      const now = Date.now();
      if (now - this.lastLine >= 1000 || (total !== null && done >= total)) {
        this.context.err(`${this.label}: ${done}${total === null ? '' : `/${total}`} ${this.unit}`);
        this.lastLine = now;
      }
    }
    this.last = { done, total };
  }

  /** Takes the bar off the screen's last line (call it once the job is over). */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  private drawBar(stream: NodeJS.WritableStream, done: number, total: number | null): void {
    const bounded = Math.max(total ?? 0, done);
    if (!this.bar) {
      this.bar = new SingleBar({ stream, format: `${this.label} [{bar}] {value}/{total} ${this.unit}`, hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
      this.bar.start(bounded, done);
      return;
    }
    if (bounded !== this.bar.getTotal()) this.bar.setTotal(bounded);
    this.bar.update(done);
  }
}
