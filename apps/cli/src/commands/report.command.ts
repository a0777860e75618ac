import { Command, Option } from 'nest-commander';
import { writeFile } from 'node:fs/promises';
import { ApiCommand, businessDate, table } from '../api-command';
import { CliError, EXIT, pollUntil, type ConnectionOptions } from '../cli-context';
import { Progress } from '../progress';

interface ReportOptions extends ConnectionOptions {
  cycle?: string;
  asOf?: string;
  knownAt?: string;
  out?: string;
}

type Cell = string | number | null;

/** GET /reports/:id */
interface ReportAnswer {
  reportId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  request: { type: string; cycle?: string; asOf: string; knownAt: string };
  progress: { eventsDone: number; head: unknown };
  result?: { columns: { key: string; label: string }[]; rows: Record<string, Cell>[]; summary: Record<string, Cell> };
  error?: string;
}

/** Rows printed on the terminal; the rest are in the CSV (--out). */
const SHOWN_ROWS = 20;

/** A position as the API gives it: a number, or `{ globalPosition }` (a string of digits). */
function positionOf(head: unknown): number | null {
  if (typeof head === 'number') return head;
  const global = (head as { globalPosition?: unknown } | null)?.globalPosition;
  return global === undefined || global === null ? null : Number(global);
}

/** Issue 5 items 5 and 8: a report replaying the history (POST /reports), its CSV downloaded. */
@Command({
  name: 'report',
  arguments: '<type>',
  argsDescription: { type: 'cycle-completion, ceus-by-category, audit-outcomes, appeals, status-as-of or program-statistics' },
  description: 'Build a report by replaying the event log, then write its CSV (--out) or print a summary',
})
export class ReportCommand extends ApiCommand {
  async run([type]: string[], options: ReportOptions): Promise<void> {
    const api = await this.connect(options);
    const { reportId } = await api.post<{ reportId: string }>('/reports', {
      type,
      ...(options.cycle ? { cycle: options.cycle } : {}),
      ...(options.asOf ? { asOf: options.asOf } : {}),
      ...(options.knownAt ? { knownAt: options.knownAt } : {}),
    });
    const progress = new Progress(this.context, `report ${reportId.slice(0, 8)}`, 'events');
    let report: ReportAnswer;
    try {
      report = await pollUntil(
        this.context,
        () => api.get<ReportAnswer>(`/reports/${reportId}`),
        (answer) => answer.status === 'done' || answer.status === 'failed',
        (answer) => progress.update(answer.progress.eventsDone, positionOf(answer.progress.head)),
      );
    } finally {
      progress.stop();
    }
    const { request } = report;
    const what = `report ${reportId} (${request.type}${request.cycle ? `, ${request.cycle}` : ''}, as of ${request.asOf}, known at ${request.knownAt})`;
    if (report.status === 'failed' || !report.result) throw new CliError(EXIT.failed, `${what} failed: ${report.error ?? 'no reason given'}`);
    const { columns, rows, summary } = report.result;

    if (options.out) {
      await writeFile(options.out, await api.text(`/reports/${reportId}/csv`));
      this.context.out(`${what}: ${rows.length} rows written to ${options.out}`);
    } else {
      this.context.out(`${what}: ${rows.length} rows`);
      const shown = rows.slice(0, SHOWN_ROWS).map((row) => columns.map((c) => row[c.key] ?? null));
      for (const line of table([columns.map((c) => c.label), ...shown])) this.context.out(`  ${line}`);
      if (rows.length > SHOWN_ROWS) this.context.out(`  ... and ${rows.length - SHOWN_ROWS} more (--out file.csv writes them all)`);
    }
    for (const [key, value] of Object.entries(summary)) this.context.out(`${key}: ${value ?? ''}`);
  }

  @Option({ flags: '--cycle <cycle>', description: 'only this cycle, e.g. 2024-2026' })
  parseCycle(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'the business date the report describes (default: today)' })
  parseAsOf(value: string): string {
    return businessDate('--as-of', value);
  }

  @Option({ flags: '--known-at <instant>', description: 'only events recorded by then, e.g. 2026-11-24T17:00:00Z (default: now)' })
  parseKnownAt(value: string): string {
    return value;
  }

  @Option({ flags: '-o, --out <file>', description: 'write the CSV to this file' })
  parseOut(value: string): string {
    return value;
  }
}
