import { useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../api/client';
import { FINISHED, importStatus, recentImports } from '../imports/imports-api';
import { listProjections } from '../operations/operations-api';
import { STATUSES } from '../reports/reports-api';

const PAGE = 500;

/** Walks a list to its end with the API's cursor, 500 at a time, calling `each` on every page. */
async function walk<T>(path: string, params: Record<string, string>, each: (items: T[]) => void, signal?: AbortSignal): Promise<void> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(`${path}${query({ ...params, limit: PAGE, cursor })}`, { signal });
    each(page.items);
    cursor = page.nextCursor;
  } while (cursor);
}

/** How many items a list has (the API sends no totals: the pages are counted). */
export function useListCount(path: string, params: Record<string, string>) {
  return useQuery({
    queryKey: ['dashboard', 'count', path, params],
    queryFn: async ({ signal }) => {
      let count = 0;
      await walk<unknown>(path, params, (items) => (count += items.length), signal);
      return count;
    },
    staleTime: 30_000,
  });
}

interface ListedCertificant {
  certificantId: string;
  currentCycleStatus: { cycle: string; certifications: { certification: string; status: string; required: boolean }[] } | null;
}

export interface Completion {
  cycle: string;
  certificants: number;
  /** Per certification: how many hold it in each status, and how many of the required are complete. */
  byCertification: { certification: string; counts: Record<string, number>; required: number; complete: number }[];
}

const COMPLETE = new Set(['Complete', 'CompleteLate']);

/**
 * Completion for a cycle from the cycle-status read model, as GET /certificants?cycle= lists it
 * (what is known now; a cycle-completion report answers for another date or "known at").
 */
export function useCompletion(cycle: string) {
  return useQuery({
    queryKey: ['dashboard', 'completion', cycle],
    queryFn: async ({ signal }) => {
      const groups = new Map<string, Completion['byCertification'][number]>();
      let certificants = 0;
      await walk<ListedCertificant>(
        '/certificants',
        { cycle },
        (items) => {
          for (const item of items) {
            certificants += 1;
            for (const held of item.currentCycleStatus?.certifications ?? []) {
              let group = groups.get(held.certification);
              if (!group) {
                group = { certification: held.certification, counts: Object.fromEntries(STATUSES.map((s) => [s, 0])), required: 0, complete: 0 };
                groups.set(held.certification, group);
              }
              group.counts[held.status] = (group.counts[held.status] ?? 0) + 1;
              if (held.required) {
                group.required += 1;
                if (COMPLETE.has(held.status)) group.complete += 1;
              }
            }
          }
        },
        signal,
      );
      const byCertification = [...groups.values()].sort((a, b) => a.certification.localeCompare(b.certification));
      return { cycle, certificants, byCertification } satisfies Completion;
    },
    staleTime: 30_000,
  });
}

/** Imports started in this browser session that are still queued or running (the API lists no imports). */
export function useRunningImports() {
  const recent = recentImports();
  return useQuery({
    queryKey: ['imports', 'running', recent.map((item) => item.importId)],
    queryFn: async ({ signal }) => {
      const statuses = await Promise.all(
        recent.map((item) => importStatus(item.importId, signal).catch(() => null)),
      );
      return { started: recent.length, running: statuses.filter((status) => status && !FINISHED.has(status.status)).length };
    },
    refetchInterval: (q) => ((q.state.data?.running ?? 0) > 0 ? 2_000 : false),
  });
}

/** GET /projections, as the operations page reads it, every ten seconds. */
export function useProjections() {
  return useQuery({ queryKey: ['dashboard', 'projections'], queryFn: listProjections, refetchInterval: 10_000 });
}
