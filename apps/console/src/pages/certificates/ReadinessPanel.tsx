import { Anchor, Badge, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useCursorList } from '../../lib/cursor-list';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/Page';
import { ScrollTable, type ScrollColumn } from '../../ui/ScrollTable';
import { certificateKeys, readinessPage, STATUS_WORDS, type ReadinessItem } from './certificates-api';

type Show = 'all' | 'ready' | 'waiting';

const columns: ScrollColumn<ReadinessItem>[] = [
  {
    key: 'certificant',
    label: 'Certificant',
    width: 150,
    render: (item) => (
      <Anchor component={Link} to={`/certificants/${item.certificantId}`} ff="monospace" size="sm" title={item.certificantId}>
        {item.certificantId.slice(0, 8)}
      </Anchor>
    ),
  },
  { key: 'certification', label: 'Certification', width: 130, render: (item) => item.certification },
  { key: 'status', label: 'Status', width: 160, render: (item) => STATUS_WORDS[item.status] ?? item.status },
  {
    key: 'certificate',
    label: 'Certificate',
    width: 120,
    render: (item) => (
      <Badge color={item.ready ? 'teal.9' : 'gray.8'} variant={item.ready ? 'filled' : 'outline'}>
        {item.ready ? 'Ready' : 'Not ready'}
      </Badge>
    ),
  },
  {
    key: 'why',
    label: 'Why',
    render: (item) =>
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
  const { list: readiness, items: all } = useCursorList({ queryKey: certificateKeys.readiness(cycle), page: (cursor) => readinessPage(cycle, cursor) });
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
        <ScrollTable
          label={`Readiness for ${cycle}`}
          rows={rows}
          columns={columns}
          rowKey={(item) => `${item.certificantId}/${item.certification}`}
          maxHeight={520}
          empty={all.length === 0 ? `No certificant has a record in ${cycle}.` : 'None of those loaded so far.'}
        />
        <LoadMore list={readiness} />
      </QueryState>
    </Stack>
  );
}
