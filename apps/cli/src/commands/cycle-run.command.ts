import { Command, Option } from 'nest-commander';
import { ApiCommand, businessDate } from '../api-command';
import { CliError, EXIT, type ConnectionOptions } from '../cli-context';
import { followRun, printRefused } from './runs';

interface CycleRunOptions extends ConnectionOptions {
  asOf: string;
  strict?: boolean;
}

/**
 * Issue 5 items 2 and 8: POST /cycles/:cycle/close or /expire for a business date, followed to
 * its end. Running either twice changes nothing (the second run reports 0 changed).
 */
abstract class CycleRunCommand extends ApiCommand {
  protected abstract readonly milestone: 'close' | 'expire';

  async run([cycle]: string[], options: CycleRunOptions): Promise<void> {
    const api = await this.connect(options);
    const path = `/cycles/${encodeURIComponent(cycle!)}`;
    const { jobId } = await api.post<{ jobId: string }>(`${path}/${this.milestone}`, { asOf: options.asOf });
    const run = await followRun(this.context, api, `${this.milestone} ${cycle}`, 'certificants', `${path}/runs/${encodeURIComponent(jobId)}`);
    const what = `${this.milestone} ${cycle} as of ${options.asOf} (run ${jobId})`;
    if (run.state === 'failed') throw new CliError(EXIT.failed, `${what} failed after ${run.done} of ${run.total ?? '?'}: ${run.error ?? 'no reason given'}`);
    this.context.out(`${what} completed: ${run.done} looked at, ${run.changed} changed, ${run.refused.length} refused`);
    printRefused(this.context, run);
    if (options.strict && run.refused.length > 0) throw new CliError(EXIT.failed, `${run.refused.length} were refused (--strict).`);
  }

  @Option({ flags: '--as-of <date>', description: 'the business date of the milestone, e.g. 2024-01-05', required: true })
  parseAsOf(value: string): string {
    return businessDate('--as-of', value);
  }

  @Option({ flags: '--strict', description: 'exit 1 when the domain refused anyone' })
  parseStrict(): boolean {
    return true;
  }
}

@Command({
  name: 'close-cycle',
  arguments: '<cycle>',
  argsDescription: { cycle: 'e.g. 2021-2023' },
  description: 'The deadline has passed: move those not complete to late reporting (D2.3)',
})
export class CloseCycleCommand extends CycleRunCommand {
  protected readonly milestone = 'close';
}

@Command({
  name: 'expire-cycle',
  arguments: '<cycle>',
  argsDescription: { cycle: 'e.g. 2021-2023' },
  description: 'The late window is over: expire the certifications of those not complete (D2.4)',
})
export class ExpireCycleCommand extends CycleRunCommand {
  protected readonly milestone = 'expire';
}
