import { Anchor, Badge, Button, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { QueryState } from '../../ui/Page';
import { MeasuredTable, type MeasuredColumn } from './MeasuredTable';
import { certificateKeys, readinessPage, STATUS_WORDS, type ReadinessItem } from './certificates-api';

type Show = 'all' | 'ready' | 'waiting';

const columns: MeasuredColumn<ReadinessItem>[] = [
  {
    header: 'Certificant',
    width: 150,
    cell: (item) => (
      <Anchor component={Link} to={`/certificants/${item.certificantId}`} ff="monospace" size="sm" title={item.certificantId}>
        {item.certificantId.slice(0, 8)}
      </Anchor>
    ),
  },
  { header: 'Certification', width: 130, cell: (item) => item.certification },
  { header: 'Status', width: 160, cell: (item) => STATUS_WORDS[item.status] ?? item.status },
  {
    header: 'Certificate',
    width: 120,
    cell: (item) => (
      <Badge color={item.ready ? 'teal.9' : 'gray.8'} variant={item.ready ? 'filled' : 'outline'}>
        {item.ready ? 'Ready' : 'Not ready'}
      </Badge>
    ),
  },
  {
    header: 'Why',
    cell: (item) =>
      item.ready ? (
        <Text size="sm">Complete and not waiting on an audit.</Text>
      ) : (
        <List size="sm" spacing={2}>
          {item.reasons.map((reason) => (
            <List.Item key={reason.code}>{reason.message}</List.Item>
          ))}
        </List>
      ),
  },
];

/** GET /certificates/readiness, a page of certificants at a time, every certification with its reasons in words. */
export function ReadinessPanel({ cycle }: { cycle: string }) {
  const [show, setShow] = useState<Show>('all');
  const readiness = useInfiniteQuery({
    queryKey: certificateKeys.readiness(cycle),
    queryFn: ({ pageParam }) => readinessPage(cycle, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const all = useMemo(() => readiness.data?.pages.flatMap((page) => page.items) ?? [], [readiness.data]);
  const rows = useMemo(() => (show === 'all' ? all : all.filter((item) => item.ready === (show === 'ready'))), [all, show]);
  const ready = all.filter((item) => item.ready).length;

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Readiness for {cycle}
      </Title>
      <QueryState loading={readiness.isPending} error={readiness.error}>
        <Group justify="space-between">
          <Text>
            {ready} ready, {all.length - ready} not ready{readiness.hasNextPage ? ' so far (more to load)' : ''}.
          </Text>
          <SegmentedControl
            aria-label="Show"
            value={show}
            onChange={(value) => setShow(value as Show)}
            data={[
              { value: 'all', label: 'All' },
              { value: 'ready', label: 'Ready' },
              { value: 'waiting', label: 'Not ready' },
            ]}
          />
        </Group>
        {rows.length === 0 ? (
          <Text>{all.length === 0 ? `No certificant has a record in ${cycle}.` : 'None of those loaded so far.'}</Text>
        ) : (
          <MeasuredTable label={`Readiness for ${cycle}`} rows={rows} columns={columns} rowKey={(item) => `${item.certificantId}/${item.certification}`} />
        )}
        {readiness.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void readiness.fetchNextPage()} loading={readiness.isFetchingNextPage}>
              Load more
            </Button>
          </Group>
        )}
      </QueryState>
    </Stack>
  );
}
