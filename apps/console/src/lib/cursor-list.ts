import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Page } from '../api/client';

/**
 * A list read a page at a time with the API's cursor (api.md "Lists"), pages kept as they load:
 * `items` holds every row loaded so far; `list` goes to <LoadMore> for the next page.
 */
export function useCursorList<T>({
  queryKey,
  page,
  refetchInterval,
}: {
  queryKey: QueryKey;
  page: (cursor: string | null) => Promise<Page<T>>;
  refetchInterval?: number;
}) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => page(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval,
  });
  const items = useMemo(() => list.data?.pages.flatMap((loaded) => loaded.items) ?? [], [list.data]);
  return { list, items };
}
