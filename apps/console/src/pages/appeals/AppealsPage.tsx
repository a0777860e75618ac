import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, query, type Page as ListPage } from '../../api/client';
import { Can } from '../../auth/session';
import { cycleChoices } from '../../lib/cycles';
import { Page, QueryState } from '../../ui/Page';
import { CertificantName, Pager, StatusBadge, useCertificantName, useCursorPages } from '../audits/shared';
import { FileAppealForm } from './FileAppealForm';
import { APPEAL_STATUSES, GROUND_LABELS, remedyText, type AppealQueueItem, type AppealStatus } from './types';

export interface AppealQueueSearch {
  status?: AppealStatus;
  cycle?: string;
}

const PAGE_SIZE = 50;

export function AppealsPage({ search }: { search: AppealQueueSearch }) {
  const navigate = useNavigate();
  const [filing, setFiling] = useState(false);
  const pages = useCursorPages(`${search.status ?? ''}|${search.cycle ?? ''}`);
  const queue = useQuery({
    queryKey: ['appeals', 'queue', search.status ?? null, search.cycle ?? null, pages.cursor],
    queryFn: () => api.get<ListPage<AppealQueueItem>>(`/appeals${query({ status: search.status, cycle: search.cycle, limit: PAGE_SIZE, cursor: pages.cursor, consistent: true })}`),
    placeholderData: keepPreviousData,
    // A shared work queue: others draw, decide and close while it is open.
    refetchInterval: 5_000,
  });
  const setFilter = (next: AppealQueueSearch) => void navigate({ to: '/appeals', search: { ...search, ...next } });

  return (
    <Page
      title="Appeals"
      actions={
        !filing && (
          <Can roles={['staff', 'committee']}>
            <Button onClick={() => setFiling(true)}>File an appeal</Button>
          </Can>
        )
      }
    >
      {filing && <FileAppealForm onCancel={() => setFiling(false)} />}
      <Stack gap="sm" component="section" aria-labelledby="appeal-queue-title">
        <Text component="h2" id="appeal-queue-title" fw={700} size="lg">
          Appeals queue
        </Text>
        <Group>
          <NativeSelect
            label="Status"
            value={search.status ?? ''}
            data={[
              { value: '', label: 'Any status' },
              ...APPEAL_STATUSES.map((status) => ({
                value: status,
                label: status,
              })),
            ]}
            onChange={(event) =>
              setFilter({
                status: (event.currentTarget.value || undefined) as AppealStatus | undefined,
              })
            }
          />
          <NativeSelect
            label="Cycle"
            value={search.cycle ?? ''}
            data={[{ value: '', label: 'Any cycle' }, ...cycleChoices()]}
            onChange={(event) => setFilter({ cycle: event.currentTarget.value || undefined })}
          />
        </Group>
        <QueryState loading={queue.isPending} error={queue.error}>
          {queue.data && queue.data.items.length === 0 ? (
            <Text>No appeals match these filters.</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover withTableBorder aria-label="Appeals queue">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Certificant</Table.Th>
                    <Table.Th scope="col">Cycle</Table.Th>
                    <Table.Th scope="col">Certification</Table.Th>
                    <Table.Th scope="col">Grounds</Table.Th>
                    <Table.Th scope="col">Filed on</Table.Th>
                    <Table.Th scope="col">Documents</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Decision</Table.Th>
                    <Table.Th scope="col">Case</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {queue.data?.items.map((appeal) => (
                    <Table.Tr key={appeal.appealId}>
                      <Table.Td>
                        <CertificantName certificantId={appeal.certificantId} />
                      </Table.Td>
                      <Table.Td>{appeal.cycle}</Table.Td>
                      <Table.Td>{appeal.certification ?? '–'}</Table.Td>
                      <Table.Td>
                        {GROUND_LABELS[appeal.grounds] ?? appeal.grounds}
                        {appeal.kind === 'accommodation' ? ' (accommodation)' : ''}
                      </Table.Td>
                      <Table.Td>{appeal.filedOn}</Table.Td>
                      <Table.Td>{appeal.documentsReceived}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={appeal.status} />
                      </Table.Td>
                      <Table.Td>{appeal.decidedOn ? `${remedyText(appeal.remedy)}, ${appeal.decidedOn}` : '–'}</Table.Td>
                      <Table.Td>
                        <CaseLink appeal={appeal} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager pages={pages} nextCursor={queue.data?.nextCursor} shown={queue.data?.items.length ?? 0} />
        </QueryState>
      </Stack>
    </Page>
  );
}

function CaseLink({ appeal }: { appeal: AppealQueueItem }) {
  const name = useCertificantName(appeal.certificantId);
  return (
    <Anchor component={Link} to={`/appeals/${appeal.appealId}`} aria-label={`Open case: ${name}, ${appeal.cycle}`}>
      Open case
    </Anchor>
  );
}
