import { Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { api, query, type Page as ListPage } from '../api/client';
import { cycleChoices } from '../lib/cycles';
import { QueryState } from './Page';

/** The filters every work queue takes (api.md `GET /audits?status=&cycle=`, `GET /appeals?status=&cycle=`). */
export interface QueueFilters<S extends string = string> {
  status?: S;
  cycle?: string;
}

export interface QueueColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

const PAGE_SIZE = 50;

/** Cursor paging (api.md "Lists"): the cursors of the pages seen so far, back to the first when `resetKey` changes. */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  if (state.key !== resetKey) setState({ key: resetKey, cursors });
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}

export function Pager({ pages, nextCursor, shown }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined; shown: number }) {
  return (
    <Group justify="space-between">
      <Text size="sm">
        Page {pages.page}: {shown} shown
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.page <= 1} onClick={pages.previous}>
          Previous page
        </Button>
        <Button variant="default" size="xs" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
          Next page
        </Button>
      </Group>
    </Group>
  );
}

/**
 * A shared work queue: a section named `title` with status and cycle filters, the table (named
 * `title` too) and cursor paging. It reads `path` with `consistent=true` (a command just made shows)
 * and polls, since others work the queue while it is open. Query key: `[resource, 'queue', ...]`,
 * so invalidating `[resource]` refreshes it.
 */
export function QueueSection<T, S extends string>({
  title,
  resource,
  statuses,
  search,
  onFilter,
  columns,
  rowKey,
  empty,
  minWidth = 800,
}: {
  title: string;
  /** `audits` reads `GET /audits`. */
  resource: string;
  statuses: readonly S[];
  search: QueueFilters<S>;
  onFilter: (next: QueueFilters<S>) => void;
  columns: QueueColumn<T>[];
  rowKey: (item: T) => string;
  /** Said when no item matches the filters. */
  empty: string;
  minWidth?: number;
}) {
  const titleId = useId();
  const pages = useCursorPages(`${search.status ?? ''}|${search.cycle ?? ''}`);
  const queue = useQuery({
    queryKey: [resource, 'queue', search.status ?? null, search.cycle ?? null, pages.cursor],
    queryFn: () => api.get<ListPage<T>>(`/${resource}${query({ status: search.status, cycle: search.cycle, limit: PAGE_SIZE, cursor: pages.cursor, consistent: true })}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });

  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Text component="h2" id={titleId} fw={700} size="lg">
        {title}
      </Text>
      <Group>
        <NativeSelect
          label="Status"
          value={search.status ?? ''}
          data={[{ value: '', label: 'Any status' }, ...statuses.map((status) => ({ value: status, label: status }))]}
          onChange={(event) => onFilter({ status: (event.currentTarget.value || undefined) as S | undefined })}
        />
        <NativeSelect
          label="Cycle"
          value={search.cycle ?? ''}
          data={[{ value: '', label: 'Any cycle' }, ...cycleChoices()]}
          onChange={(event) => onFilter({ cycle: event.currentTarget.value || undefined })}
        />
      </Group>
      <QueryState loading={queue.isPending} error={queue.error}>
        {queue.data && queue.data.items.length === 0 ? (
          <Text>{empty}</Text>
        ) : (
          <Table.ScrollContainer minWidth={minWidth}>
            <Table striped highlightOnHover withTableBorder aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column.header} scope="col">
                      {column.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data?.items.map((item) => (
                  <Table.Tr key={rowKey(item)}>
                    {columns.map((column) => (
                      <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager pages={pages} nextCursor={queue.data?.nextCursor} shown={queue.data?.items.length ?? 0} />
      </QueryState>
    </Stack>
  );
}
