import type { ReportCell, ReportResult } from './report';

/**
 * RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. A field
 * starting with = + - @ (or a tab/carriage return) is prefixed with a quote mark so a
 * spreadsheet opening the download shows it instead of evaluating it as a formula; numbers are
 * written as numbers, so negative figures stay numbers.
 */
export function csvField(value: ReportCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report's rows under its column labels, CRLF line ends (RFC 4180), one line per row. */
export function reportToCsv(result: Pick<ReportResult, 'columns' | 'rows'>): string {
  const lines = [result.columns.map((c) => csvField(c.label)).join(',')];
  for (const row of result.rows) lines.push(result.columns.map((c) => csvField(row[c.key] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
