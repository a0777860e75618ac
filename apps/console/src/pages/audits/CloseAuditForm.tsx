import { Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { notify, optionalDate, refusalOf } from './shared';
import type { AuditCase, CloseAnswer } from './types';
import { FormFooter } from '../../ui/FormFooter';

/** D5.4: closing decides the outcome; the API refuses while verdicts or the card are outstanding inside the window. */
export function CloseAuditForm({ audit, undecided, onClosed }: { audit: AuditCase; undecided: number; onClosed: (answer: CloseAnswer) => void }) {
  const queryClient = useQueryClient();
  const [decidedOn, setDecidedOn] = useState('');
  const close = useMutation({
    mutationFn: () =>
      api.post<CloseAnswer>(`/audits/${audit.auditId}/close`, {
        decidedOn: optionalDate(decidedOn),
      }),
    onSuccess: (answer) => {
      onClosed(answer);
      void queryClient.invalidateQueries({ queryKey: ['audits'] });
      notify({
        color: answer.outcome === 'passed' ? 'green' : 'red',
        title: 'Audit closed',
        message: `The audit ${answer.outcome}.`,
      });
    },
  });
  const refusal = refusalOf(close.error, ['decidedOn']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate();
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="close-title">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="close-title">
            Close the audit
          </Title>
          <Text size="sm">
            {undecided > 0
              ? `${undecided} activit${undecided === 1 ? 'y has' : 'ies have'} no verdict yet. Before ${audit.respondBy} every activity needs one; after it, what has no verdict counts as unsupported.`
              : 'Every activity asked for has its verdict. Closing decides the outcome: passed, or failed when the CEUs fall short.'}
          </Text>
          <TextInput
            label="Decided on"
            description="Empty: today"
            type="date"
            w={220}
            value={decidedOn}
            onChange={(event) => setDecidedOn(event.currentTarget.value)}
            error={refusal.field.decidedOn}
          />
          <FormFooter general={refusal.general} refusedTitle="The audit was not closed" pending={close.isPending} submit="Close audit" />
        </Stack>
      </form>
    </Paper>
  );
}
