import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { Can } from '../../auth/session';
import { cycleChoices } from '../../lib/cycles';
import { appRoute } from '../../routes/root';
import { Page, QueryState } from '../../ui/Page';
import { AddCertificantButton } from './AddCertificantForm';
import { CertificantLink } from './CertificantLink';
import { CERTIFICATIONS, CYCLE_STATUSES } from './model';
import { useCertificantSearch, type SearchFilter } from './reads';
import { StatusBadge } from './StatusBadge';
import { STATUS_LABEL } from './words';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export const certificantsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certificants',
  validateSearch: (search: Record<string, unknown>): SearchFilter => ({
    q: text(search.q),
    status: text(search.status),
    certification: text(search.certification),
    cycle: text(search.cycle),
  }),
  component: CertificantsListPage,
});

function CertificantsListPage() {
  const filter = certificantsRoute.useSearch();
  const navigate = useNavigate({ from: '/certificants' });
  const [typed, setTyped] = useState(filter.q ?? '');
  const [debounced] = useDebouncedValue(typed, 300);
  // The cursors of the pages before this one: "Previous" pops, "Next" pushes.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;

  const setFilter = (next: Partial<SearchFilter>) => {
    setCursors([null]);
    void navigate({
      search: (previous) => ({ ...previous, ...next }),
      replace: true,
    });
  };

  useEffect(() => {
    if ((debounced.trim() || undefined) !== filter.q) setFilter({ q: debounced.trim() || undefined });
    // Only the typed words drive this; the filter follows them.
  }, [debounced]);

  const results = useCertificantSearch(filter, cursor);
  const page = results.data;

  return (
    <Page
      title="Certificants"
      actions={
        <Can roles={['staff']}>
          <AddCertificantButton />
        </Can>
      }
    >
      <Stack>
        <form role="search" aria-label="Find certificants" onSubmit={(event) => event.preventDefault()}>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label="Search"
              description="Part of a name, an email or a member ID"
              value={typed}
              onChange={(event) => setTyped(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') setFilter({ q: typed.trim() || undefined });
              }}
              w={320}
            />
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={CYCLE_STATUSES.map((status) => ({
                value: status,
                label: STATUS_LABEL[status] ?? status,
              }))}
              value={filter.status ?? null}
              onChange={(value) => setFilter({ status: value ?? undefined })}
              w={200}
            />
            <Select
              label="Certification"
              placeholder="Any certification"
              clearable
              data={[...CERTIFICATIONS]}
              value={filter.certification ?? null}
              onChange={(value) => setFilter({ certification: value ?? undefined })}
              w={180}
            />
            <Select
              label="Cycle"
              placeholder="Current cycle"
              clearable
              data={cycleChoices()}
              value={filter.cycle ?? null}
              onChange={(value) => setFilter({ cycle: value ?? undefined })}
              w={160}
            />
          </Group>
        </form>

        <QueryState loading={results.isPending} error={results.error}>
          {page && page.items.length === 0 ? (
            <Text>No certificant matches this search.</Text>
          ) : (
            <Table striped highlightOnHover aria-label="Certificants found" aria-busy={results.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Member ID</Table.Th>
                  <Table.Th>Certifications</Table.Th>
                  <Table.Th>Status {filter.cycle ?? page?.items.find((item) => item.currentCycleStatus)?.currentCycleStatus?.cycle ?? 'this cycle'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page?.items.map((item) => (
                  <Table.Tr key={item.certificantId}>
                    <Table.Td>
                      <CertificantLink certificantId={item.certificantId}>{item.name}</CertificantLink>
                    </Table.Td>
                    <Table.Td>{item.email}</Table.Td>
                    <Table.Td>{item.memberId ?? '–'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.certifications.map((held) => (
                          <Badge key={held.certification} variant="outline" color="dark" style={{ textTransform: 'none' }} title={`Earned ${held.earnedOn}`}>
                            {held.certification}
                            {held.pending ? ' (pending)' : ''}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {item.currentCycleStatus?.certifications.map((held) => <StatusBadge key={held.certification} prefix={held.certification} status={held.status} />) ?? '–'}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group justify="space-between">
            <Text size="sm">Page {cursors.length}</Text>
            <Group>
              <Button variant="default" disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
                Previous page
              </Button>
              <Button variant="default" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors((list) => [...list, page.nextCursor])}>
                Next page
              </Button>
            </Group>
          </Group>
        </QueryState>
      </Stack>
    </Page>
  );
}
