import { Group, NativeSelect, Paper, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, query, type Page as ListPage } from '../../api/client';
import { cycleChoices, cycleOf } from '../../lib/cycles';
import { notify, optionalDate, refusalOf } from '../audits/shared';
import { GROUND_LABELS, GROUNDS } from './types';
import { FormFooter } from '../../ui/FormFooter';

const FIELDS = ['certificantId', 'cycle', 'grounds', 'statement', 'filedOn', 'kind', 'certification'];
const RULE_FIELDS = {
  APPEAL_OUTSIDE_WINDOW: 'filedOn',
  ACCOMMODATION_REQUEST_TOO_LATE: 'filedOn',
  ACCOMMODATION_GROUNDS_NOT_ACCEPTED: 'grounds',
  APPEAL_STATEMENT_REQUIRED: 'statement',
  CERTIFICANT_NOT_FOUND: 'certificantId',
  CYCLE_NOT_FOUND: 'cycle',
};

interface Found {
  certificantId: string;
  name: string;
  email: string;
  memberId: string | null;
}

/** The cycle whose appeal window is open (Feb 1 - Mar 15 after its deadline, D6.2) is the one before today's, early in a year. */
function defaultCycle(): string {
  const today = new Date();
  const current = cycleOf(today);
  const lastYear = cycleOf(new Date(today.getFullYear() - 1, 6, 1));
  return today.getMonth() < 4 && lastYear !== current ? lastYear : current;
}

/** Staff record an appeal that came by mail or phone (D6). */
export function FileAppealForm({ onCancel }: { onCancel: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [certificantId, setCertificantId] = useState<string | null>(null);
  const [cycle, setCycle] = useState(defaultCycle());
  const [kind, setKind] = useState<'appeal' | 'accommodation'>('appeal');
  const [grounds, setGrounds] = useState<string>('illness');
  const [statement, setStatement] = useState('');
  const [filedOn, setFiledOn] = useState('');
  const found = useQuery({
    queryKey: ['audits-appeals', 'certificant-search', debounced],
    queryFn: () => api.get<ListPage<Found>>(`/certificants${query({ q: debounced, limit: 20 })}`),
    enabled: debounced.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
  const options = (found.data?.items ?? []).map((item) => ({
    value: item.certificantId,
    label: `${item.name} (${item.memberId ? `member ${item.memberId}, ` : ''}${item.email})`,
  }));

  const file = useMutation({
    mutationFn: () =>
      api.post<{ appealId: string }>('/appeals', {
        certificantId: certificantId ?? '',
        cycle,
        grounds,
        statement,
        filedOn: optionalDate(filedOn),
        ...(kind === 'accommodation' ? { kind } : {}),
      }),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: ['appeals'] });
      notify({
        color: 'green',
        title: 'Appeal filed',
        message: `For ${cycle}, on grounds of ${GROUND_LABELS[grounds]?.toLowerCase() ?? grounds}.`,
      });
      void navigate({
        to: '/appeals/$appealId',
        params: { appealId: answer.appealId },
      });
    },
  });
  const refusal = refusalOf(file.error, FIELDS, RULE_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    file.mutate();
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="file-appeal-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="file-appeal-title">
            File an appeal
          </Title>
          <Select
            label="Certificant"
            description="Type two letters or more of a name, email or member id"
            searchable
            clearable
            data={options}
            value={certificantId}
            onChange={setCertificantId}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={debounced.trim().length >= 2 && !found.isFetching ? 'Nobody found' : undefined}
            error={refusal.field.certificantId}
          />
          <Group grow align="flex-start">
            <NativeSelect label="Cycle" data={cycleChoices()} value={cycle} onChange={(event) => setCycle(event.currentTarget.value)} error={refusal.field.cycle} />
            <NativeSelect
              label="Kind"
              data={[
                { value: 'appeal', label: 'Appeal (after the deadline)' },
                {
                  value: 'accommodation',
                  label: 'Accommodation (before the cycle ends)',
                },
              ]}
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value as 'appeal' | 'accommodation')}
              error={refusal.field.kind}
            />
            <NativeSelect
              label="Grounds"
              data={GROUNDS.map((value) => ({
                value,
                label: GROUND_LABELS[value] ?? value,
              }))}
              value={grounds}
              onChange={(event) => setGrounds(event.currentTarget.value)}
              error={refusal.field.grounds}
            />
            <TextInput
              label="Filed on"
              description="Empty: today"
              type="date"
              value={filedOn}
              onChange={(event) => setFiledOn(event.currentTarget.value)}
              error={refusal.field.filedOn}
            />
          </Group>
          <Textarea
            label="Statement"
            description="The hardship in the certificant's words"
            autosize
            minRows={3}
            value={statement}
            onChange={(event) => setStatement(event.currentTarget.value)}
            error={refusal.field.statement}
          />
          <FormFooter general={refusal.general} refusedTitle="The appeal was not filed" pending={file.isPending} submit="File appeal" onCancel={onCancel} />
        </Stack>
      </form>
    </Paper>
  );
}
