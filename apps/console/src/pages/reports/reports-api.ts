import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { pollUntil } from '../../lib/polling';

/** api.md "Report types", with what each tells the team. */
export const REPORT_TYPES = [
  { value: 'cycle-completion', label: 'Cycle completion', about: 'Certifications by status per cycle and certification, with the completion rate.' },
  { value: 'ceus-by-category', label: 'CEUs by category', about: 'Reported and applied CEUs per category and per activity type.' },
  { value: 'audit-outcomes', label: 'Audit outcomes', about: 'Audits selected, open, passed and failed per cycle.' },
  { value: 'appeals', label: 'Appeals', about: 'Appeals by grounds and decision per cycle.' },
  { value: 'status-as-of', label: 'Status as of a date', about: 'Every certificant’s status per certification on the date asked.' },
  { value: 'program-statistics', label: 'Program statistics', about: 'The figures an accreditor asks for, per cycle and over all.' },
] as const;
export type ReportType = (typeof REPORT_TYPES)[number]['value'];

/** The statuses of a certification in a cycle (api.md "Cycle status"), in the order reports list them. */
export const STATUSES = ['NotRequired', 'InProgress', 'CeusMet', 'Complete', 'CompleteLate', 'Expired', 'Reinstated'] as const;
export const STATUS_LABELS: Record<string, string> = {
  NotRequired: 'Not required',
  InProgress: 'In progress',
  CeusMet: 'CEUs met',
  Complete: 'Complete',
  CompleteLate: 'Complete (late)',
  Expired: 'Expired',
  Reinstated: 'Reinstated',
};
/** Badge colours with white text at 4.5:1 or more (Mantine's green and orange shades fall short). */
export const TONES = {
  good: '#2b6b35',
  info: 'blue.8',
  warn: '#8a4b00',
  bad: 'red.9',
  other: 'violet.8',
  neutral: 'gray.7',
} as const;

/** AA-contrast colours, one per status, the same on every chart. */
export const STATUS_COLORS: Record<string, string> = {
  NotRequired: 'gray.7',
  InProgress: 'blue.8',
  CeusMet: 'cyan.9',
  Complete: 'green.8',
  CompleteLate: 'lime.9',
  Expired: 'red.8',
  Reinstated: 'violet.8',
};

export type ReportCell = string | number | null;

export interface ReportResult {
  type: ReportType;
  parameters: { type: ReportType; cycle: string | null; asOf: string; knownAt: string };
  generatedFrom: { head: unknown; eventsRead: number; eventsFolded: number; eventsRecordedLater: number };
  columns: { key: string; label: string }[];
  rows: Record<string, ReportCell>[];
  summary: Record<string, ReportCell>;
}

/** GET /reports/:reportId */
export interface ReportAnswer {
  reportId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  request: { type: ReportType; cycle?: string; asOf: string; knownAt: string };
  progress: { eventsDone: number; head: { globalPosition?: string | number } | null };
  result?: ReportResult;
  error?: string;
}

export interface ReportRequest {
  type: ReportType;
  cycle?: string;
  asOf?: string;
  knownAt?: string;
}

export const startReport = (request: ReportRequest) => api.post<{ reportId: string }>('/reports', request);

/** A report, polled twice a second until it is done or failed. */
export function useReport(reportId: string | undefined) {
  return useQuery({
    queryKey: ['reports', reportId],
    enabled: !!reportId,
    queryFn: ({ signal }) => api.get<ReportAnswer>(`/reports/${encodeURIComponent(reportId ?? '')}`, { signal }),
    refetchInterval: pollUntil<ReportAnswer>((report) => report.status === 'done' || report.status === 'failed', 500),
  });
}

/** GET /reports/:reportId/csv, which needs the bearer token: fetched, then offered as a file link. */
export async function reportCsv(reportId: string): Promise<string> {
  const text = await api.get<unknown>(`/reports/${encodeURIComponent(reportId)}/csv`, { headers: { accept: 'text/csv' } });
  return typeof text === 'string' ? text : JSON.stringify(text);
}

/** A cell as people read it: shares as percentages, CEUs with one decimal, empty as a dash. */
export function formatCell(key: string, value: ReportCell): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'number') {
    if (/Rate$|^categoryShare/.test(key)) return `${(value * 100).toFixed(1)}%`;
    if (/Ceus$/i.test(key)) return value.toFixed(1);
    return value.toLocaleString('en-US');
  }
  return String(value);
}
