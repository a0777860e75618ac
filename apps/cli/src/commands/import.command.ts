import { IMPORT_KINDS } from '@recert/domain';
import { Command, Option } from 'nest-commander';
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ApiCommand, table } from '../api-command';
import { CliError, EXIT, pollUntil, type ConnectionOptions } from '../cli-context';
import { Progress } from '../progress';

interface ImportOptions extends ConnectionOptions {
  kind: string;
  dryRun?: boolean;
  strict?: boolean;
}

/** GET /imports/:id (and the answer of a dry run). */
interface ImportAnswer {
  importId: string;
  status: 'queued' | 'running' | 'completed' | 'reverted' | 'failed' | 'dry-run';
  totalRows: number;
  processedRows: number;
  acceptedRows: number;
  duplicateRows: number;
  rejectedRows: number;
  rejections: { row: number; code: string; message: string }[];
  error?: string;
}

/** Issue 5 items 1 and 8: a CSV of CEUs uploaded to POST /imports, followed until it is done. */
@Command({
  name: 'import',
  arguments: '<file>',
  argsDescription: { file: 'the CSV file (one activity a row; see api.md for the columns of each kind)' },
  description: 'Upload a CSV of CEUs, watch it apply, and print the totals and the refused rows',
})
export class ImportCommand extends ApiCommand {
  async run([file]: string[], options: ImportOptions): Promise<void> {
    await stat(file!).then(
      (found) => {
        if (!found.isFile()) throw new CliError(EXIT.usage, `Cannot read ${file}: it is not a file.`);
      },
      (error: NodeJS.ErrnoException) => {
        throw new CliError(EXIT.usage, `Cannot read ${file}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}.`);
      },
    );
    // Streamed from the disk as it is sent, never read whole into memory.
    const blob = await openAsBlob(file!);
    const api = await this.connect(options);
    const form = new FormData();
    form.append('kind', options.kind);
    form.append('file', blob, basename(file!));

    if (options.dryRun) {
      const result = await api.postForm<ImportAnswer>('/imports?dryRun=true', form);
      this.print(`dry run of ${file} (nothing recorded)`, result);
      return this.verdict(result, options);
    }
    const { importId } = await api.postForm<{ importId: string }>('/imports', form);
    this.context.out(`import ${importId} started (${options.kind}, ${file})`);
    const progress = new Progress(this.context, `import ${importId.slice(0, 8)}`, 'rows');
    let result: ImportAnswer;
    try {
      result = await pollUntil(
        this.context,
        () => api.get<ImportAnswer>(`/imports/${importId}`),
        (answer) => answer.status !== 'queued' && answer.status !== 'running',
        (answer) => progress.update(answer.processedRows, answer.totalRows || null),
      );
    } finally {
      progress.stop();
    }
    this.print(`import ${importId} ${result.status}`, result);
    if (result.status === 'failed') throw new CliError(EXIT.failed, `import ${importId} failed: ${result.error ?? 'no reason given'} (running it again resumes it).`);
    return this.verdict(result, options);
  }

  @Option({ flags: '-k, --kind <kind>', description: 'what the rows are', required: true, choices: [...IMPORT_KINDS] })
  parseKind(value: string): string {
    if (!(IMPORT_KINDS as readonly string[]).includes(value)) throw new CliError(EXIT.usage, `--kind must be one of ${IMPORT_KINDS.join(', ')} (got "${value}").`);
    return value;
  }

  @Option({ flags: '--dry-run', description: 'validate and match every row and show what would happen, recording nothing' })
  parseDryRun(): boolean {
    return true;
  }

  @Option({ flags: '--strict', description: 'exit 1 when any row is refused' })
  parseStrict(): boolean {
    return true;
  }

  private print(heading: string, result: ImportAnswer): void {
    this.context.out(`${heading}: ${result.totalRows} rows, ${result.acceptedRows} accepted, ${result.duplicateRows} duplicate, ${result.rejectedRows} refused`);
    if (result.rejections.length === 0) return;
    this.context.out('refused rows:');
    for (const line of table([['row', 'code', 'message'], ...result.rejections.map((r) => [r.row, r.code, r.message])])) this.context.out(`  ${line}`);
  }

  private verdict(result: ImportAnswer, options: ImportOptions): void {
    if (options.strict && result.rejectedRows > 0) throw new CliError(EXIT.failed, `${result.rejectedRows} rows were refused (--strict).`);
  }
}
