import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { pollUntil } from '../../lib/polling';

/** api.md "Import rows": the kinds of CSV the API takes, with what each row of that kind needs. */
export const IMPORT_KINDS = [
  { value: 'event-attendance', label: 'Event attendance', columns: ['activityDate', 'hours'] },
  { value: 'volunteer', label: 'Volunteer service', columns: ['role', 'servedFrom', 'servedTo'] },
  { value: 'publication', label: 'Publication', columns: ['publication', 'publishedOn'] },
  { value: 'quiz', label: 'NSCA quiz', columns: ['activityDate', 'quizId'] },
  { value: 'activities', label: 'Activities of any type', columns: ['activityType', 'activityDate'] },
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number]['value'];

/** Who a row is about: one of these, matched in this order. */
export const IDENTITY_COLUMNS = ['certificantId', 'memberId', 'email'] as const;

export interface Rejection {
  row: number;
  code: string;
  message: string;
}

/** GET /imports/:importId (and the answer of a dry run, which records nothing). */
export interface ImportStatus {
  importId: string;
  status: 'queued' | 'running' | 'completed' | 'reverted' | 'failed' | 'dry-run';
  kind: string | null;
  totalRows: number;
  processedRows: number;
  acceptedRows: number;
  duplicateRows: number;
  rejectedRows: number;
  rejections: Rejection[];
  error?: string;
  /** A dry run: CEUs the accepted rows would add, in tenths. */
  acceptedTenths?: number;
}

export const FINISHED = new Set<ImportStatus['status']>(['completed', 'reverted', 'failed', 'dry-run']);

export const importKey = (importId: string) => ['imports', importId] as const;

/** GET /imports/:importId */
export const importStatus = (importId: string, signal?: AbortSignal) => api.get<ImportStatus>(`/imports/${encodeURIComponent(importId)}`, { signal });

/** One import, polled until it is finished (or reverted, while a revert runs). */
export function useImport(importId: string, { until }: { until?: ImportStatus['status'] } = {}) {
  return useQuery({
    queryKey: importKey(importId),
    queryFn: ({ signal }) => importStatus(importId, signal),
    refetchInterval: pollUntil<ImportStatus>(
      (data) => (until ? data.status === until || data.status === 'failed' : FINISHED.has(data.status)),
      // A large import answers every refused row each time: ask less often.
      (data) => (data && data.totalRows > 5_000 ? 1_500 : 500),
    ),
  });
}

/** Starts an import (or a dry run) from a CSV file: multipart `kind` + `file`. */
export function uploadImport(kind: string, file: File, dryRun: boolean) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  // A dry run answers its result at once (200) in this API; api.md allows a 202 with an id to poll.
  return api.upload<ImportStatus | { importId: string }>(`/imports${dryRun ? '?dryRun=true' : ''}`, form);
}

/*
 * The API has no list of imports: the console remembers those started in this browser tab
 * (sessionStorage), so the dashboard and the imports page can show them.
 */
const RECENT_KEY = 'recert.imports';

export interface RecentImport {
  importId: string;
  kind: string;
  fileName: string;
  startedAt: string;
}

export function recentImports(): RecentImport[] {
  try {
    const value = JSON.parse(sessionStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? (value as RecentImport[]) : [];
  } catch {
    return [];
  }
}

export function rememberImport(entry: RecentImport): void {
  const list = [entry, ...recentImports().filter((item) => item.importId !== entry.importId)].slice(0, 50);
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(list));
}
