import { Injectable } from '@nestjs/common';
import { CommandRunner, Option } from 'nest-commander';
import { Api, CliContext, CliError, EXIT, type ConnectionOptions } from './cli-context';

type CommanderCommand = Parameters<CommandRunner['setCommand']>[0];

/**
 * What every command shares: the connection flags (`--url`, `--email`, `--password`, which win
 * over RECERT_URL, RECERT_TOKEN, RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD) and commander's
 * errors thrown rather than ending the process, so `runCli` can turn them into exit codes.
 */
@Injectable()
export abstract class ApiCommand extends CommandRunner {
  constructor(protected readonly context: CliContext) {
    super();
  }

  override setCommand(command: CommanderCommand): this {
    command.exitOverride();
    return super.setCommand(command);
  }

  @Option({ flags: '--url <url>', description: 'the API (default: RECERT_URL, else http://localhost:3000)' })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--email <email>', description: 'sign in as (default: RECERT_TOKEN, else RECERT_ADMIN_EMAIL)' })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--password <password>', description: 'with --email (default: RECERT_ADMIN_PASSWORD)' })
  parsePassword(value: string): string {
    return value;
  }

  protected connect(options: ConnectionOptions): Promise<Api> {
    return Api.connect(this.context, options);
  }
}

/** A business date flag: YYYY-MM-DD (the API checks it is a real date). */
export function businessDate(flag: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(EXIT.usage, `${flag} must be a date like 2024-01-05 (got "${value}").`);
  return value;
}

/** A whole number flag of at least `min`. */
export function wholeNumber(flag: string, value: string, min = 0): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min) throw new CliError(EXIT.usage, `${flag} must be a whole number of at least ${min} (got "${value}").`);
  return number;
}

/** Lines of a fixed-width table (the first row is the header). */
export function table(rows: Array<Array<string | number | null>>): string[] {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** RFC 4180 CSV text (a header and rows). */
export function csv(rows: Array<Array<string | number | null>>): string {
  const cell = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
