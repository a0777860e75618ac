import { Anchor, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { api, query, type Page as ListPage } from '../../api/client';
import { Can } from '../../auth/session';
import { cycleChoices } from '../../lib/cycles';
import { Page, QueryState } from '../../ui/Page';
import { DrawForm } from './DrawForm';
import { CertificantName, Pager, StatusBadge, useCertificantName, useCursorPages } from './shared';
import { AUDIT_STATUSES, type AuditQueueItem, type AuditStatus } from './types';

export interface AuditQueueSearch {
  status?: AuditStatus;
  cycle?: string;
}

const PAGE_SIZE = 50;

export function AuditsPage({ search }: { search: AuditQueueSearch }) {
  const navigate = useNavigate();
  const pages = useCursorPages(`${search.status ?? ''}|${search.cycle ?? ''}`);
  const queue = useQuery({
    queryKey: ['audits', 'queue', search.status ?? null, search.cycle ?? null, pages.cursor],
    // consistent: a draw or a verdict just made shows in the queue (api.md, Conventions).
    queryFn: () => api.get<ListPage<AuditQueueItem>>(`/audits${query({ status: search.status, cycle: search.cycle, limit: PAGE_SIZE, cursor: pages.cursor, consistent: true })}`),
    placeholderData: keepPreviousData,
    // A shared work queue: others draw, decide and close while it is open.
    refetchInterval: 5_000,
  });
  const setFilter = (next: AuditQueueSearch) => void navigate({ to: '/audits', search: { ...search, ...next } });

  return (
    <Page title="Audits">
      <Can roles={['auditor']}>
        <DrawForm />
      </Can>
      <Stack gap="sm" component="section" aria-labelledby="queue-title">
        <Text component="h2" id="queue-title" fw={700} size="lg">
          Audit queue
        </Text>
        <Group>
          <NativeSelect
            label="Status"
            value={search.status ?? ''}
            data={[
              { value: '', label: 'Any status' },
              ...AUDIT_STATUSES.map((status) => ({
                value: status,
                label: status,
              })),
            ]}
            onChange={(event) =>
              setFilter({
                status: (event.currentTarget.value || undefined) as AuditStatus | undefined,
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
            <Text>No audits match these filters.</Text>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover withTableBorder aria-label="Audit queue">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Certificant</Table.Th>
                    <Table.Th scope="col">Cycle</Table.Th>
                    <Table.Th scope="col">Status</Table.Th>
                    <Table.Th scope="col">Selected on</Table.Th>
                    <Table.Th scope="col">Respond by</Table.Th>
                    <Table.Th scope="col">Documents received</Table.Th>
                    <Table.Th scope="col">Verdicts</Table.Th>
                    <Table.Th scope="col">Case</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {queue.data?.items.map((audit) => (
                    <Table.Tr key={audit.auditId}>
                      <Table.Td>
                        <CertificantName certificantId={audit.certificantId} />
                      </Table.Td>
                      <Table.Td>{audit.cycle}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={audit.status} />
                      </Table.Td>
                      <Table.Td>{audit.selectedOn}</Table.Td>
                      <Table.Td>{audit.respondBy}</Table.Td>
                      <Table.Td>
                        {audit.documentsReceived} of {audit.documentsRequested + (audit.cprAedRequested ? 1 : 0)} asked
                      </Table.Td>
                      <Table.Td>
                        {audit.accepted} accepted, {audit.rejected} rejected
                      </Table.Td>
                      <Table.Td>
                        <CaseLink audit={audit} />
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

function CaseLink({ audit }: { audit: AuditQueueItem }) {
  const name = useCertificantName(audit.certificantId);
  return (
    <Anchor component={Link} to={`/audits/${audit.auditId}`} aria-label={`Open case: ${name}, ${audit.cycle}`}>
      Open case
    </Anchor>
  );
}
