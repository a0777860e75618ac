import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query, type Page } from '../../api/client';
import type { ActivityType, AppealInQueue, CertificantListItem, CertificantProfile, CycleStatus, HistoryItem } from './model';

/**
 * Read-your-writes (api.md Conventions): the last position a command of this tab answered with.
 * Reads after it ask the API to wait until the projections have passed it, so the page shows
 * what was just recorded rather than the state before.
 */
let lastWrite: number | null = null;

export function noteWrite(position: number | null | undefined): void {
  if (typeof position === 'number' && position > 0 && (lastWrite === null || position > lastWrite)) lastWrite = position;
}

export function read<T>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  const consistent = lastWrite !== null;
  return api.get<T>(`${path}${query({ ...params, consistent: consistent ? 'true' : undefined })}`, {
    headers: consistent ? { 'x-min-position': String(lastWrite) } : undefined,
  });
}

export const keys = {
  list: ['certificants'] as const,
  certificant: (id: string) => ['certificant', id] as const,
  cycle: (id: string, cycle: string) => ['certificant', id, 'cycle', cycle] as const,
  history: (id: string, cursor: string | null) => ['certificant', id, 'history', cursor] as const,
  appeals: (id: string, cycle: string) => ['certificant', id, 'appeals', cycle] as const,
};

export interface SearchFilter {
  q?: string;
  status?: string;
  certification?: string;
  cycle?: string;
}

export const PAGE_SIZE = 50;

export function useCertificantSearch(filter: SearchFilter, cursor: string | null) {
  return useQuery({
    queryKey: [...keys.list, filter, cursor],
    queryFn: () => read<Page<CertificantListItem>>('/certificants', { ...filter, limit: PAGE_SIZE, cursor }),
    placeholderData: keepPreviousData,
  });
}

export function useProfile(id: string) {
  return useQuery({ queryKey: keys.certificant(id), queryFn: () => read<CertificantProfile>(`/certificants/${encodeURIComponent(id)}`) });
}

export function useCycleStatus(id: string, cycle: string | undefined) {
  return useQuery({
    queryKey: keys.cycle(id, cycle ?? ''),
    queryFn: () => read<CycleStatus>(`/certificants/${encodeURIComponent(id)}/cycles/${cycle}`),
    enabled: !!cycle,
    placeholderData: keepPreviousData,
  });
}

export const HISTORY_PAGE = 50;

export function useHistory(id: string, cursor: string | null) {
  return useQuery({
    queryKey: keys.history(id, cursor),
    queryFn: () => read<Page<HistoryItem>>(`/certificants/${encodeURIComponent(id)}/history`, { limit: HISTORY_PAGE, cursor }),
    placeholderData: keepPreviousData,
  });
}

/** This cycle's appeals of the account and of the accounts merged into it (`GET /appeals?certificantId=`, one read each). */
export function useAppeals(id: string, cycle: string | undefined, accounts: string[]) {
  return useQuery({
    queryKey: keys.appeals(id, cycle ?? ''),
    enabled: !!cycle,
    queryFn: async () => {
      const pages = await Promise.all(accounts.map((certificantId) => read<Page<AppealInQueue>>('/appeals', { certificantId, cycle, limit: 100 })));
      return pages.flatMap((page) => page.items);
    },
  });
}

/** Staff names for the timeline's "who" (the staff list is an admin's read; others see the role). */
export function useStaffNames(enabled: boolean) {
  return useQuery({
    queryKey: ['staff', 'names'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const names = new Map<string, string>();
      const answer = await api.get<Page<{ staffId: string; name: string }>>('/staff?limit=500');
      for (const member of answer.items) names.set(member.staffId, member.name);
      return names;
    },
  });
}

/** The cycle policy's activity catalogue: the types a form offers and the fields each takes. A policy changes only with a release. */
export function useActivityTypes(cycle: string) {
  return useQuery({
    queryKey: ['activity-types', cycle],
    queryFn: () => api.get<Page<ActivityType>>(`/cycles/${encodeURIComponent(cycle)}/activity-types`),
    staleTime: Infinity,
  });
}
