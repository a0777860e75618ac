import { Command, Option } from 'nest-commander';
import { writeFile } from 'node:fs/promises';
import { ApiCommand, csv, table } from '../api-command';
import { CliError, EXIT, type ConnectionOptions } from '../cli-context';
import { followRun, printRefused } from './runs';

interface IssueOptions extends ConnectionOptions {
  out?: string;
  strict?: boolean;
}

/** Issue 5 items 4 and 8: POST /certificates/issue, followed to its end; the codes printed or written. */
@Command({
  name: 'issue-certificates',
  arguments: '<cycle>',
  argsDescription: { cycle: 'e.g. 2021-2023' },
  description: 'Issue one certificate per ready certification of the cycle and list the verification codes',
})
export class IssueCertificatesCommand extends ApiCommand {
  async run([cycle]: string[], options: IssueOptions): Promise<void> {
    const api = await this.connect(options);
    const { jobId } = await api.post<{ jobId: string }>('/certificates/issue', { cycle });
    const run = await followRun(this.context, api, `issue ${cycle}`, 'certifications', `/certificates/runs/${encodeURIComponent(jobId)}`);
    const what = `issue certificates for ${cycle} (run ${jobId})`;
    if (run.state === 'failed') throw new CliError(EXIT.failed, `${what} failed after ${run.done} of ${run.total ?? '?'}: ${run.error ?? 'no reason given'}`);
    this.context.out(`${what} completed: ${run.issued.length} issued, ${run.done} ready, ${run.refused.length} refused`);
    const rows = [['certificantId', 'certification', 'verificationCode'], ...run.issued.map((i) => [i.certificantId, i.certification, i.verificationCode])];
    if (options.out) {
      await writeFile(options.out, csv(rows));
      this.context.out(`verification codes written to ${options.out}`);
    } else if (run.issued.length > 0) {
      for (const line of table(rows)) this.context.out(`  ${line}`);
    }
    printRefused(this.context, run);
    if (options.strict && run.refused.length > 0) throw new CliError(EXIT.failed, `${run.refused.length} were refused (--strict).`);
  }

  @Option({ flags: '-o, --out <file>', description: 'write the issued certificates and their codes to this CSV file' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--strict', description: 'exit 1 when the domain refused any certification' })
  parseStrict(): boolean {
    return true;
  }
}
