import { Alert, Button, Group, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { notify, HINT, optionalDate, refusalOf } from '../audits/shared';

const FIELDS = ['kind', 'reference', 'receivedOn'];

export function AppealDocumentForm({ appealId }: { appealId: string }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const add = useMutation({
    mutationFn: () =>
      api.post(`/appeals/${appealId}/documents`, {
        kind,
        reference,
        receivedOn: optionalDate(receivedOn),
      }),
    onSuccess: () => {
      setKind('');
      setReference('');
      void queryClient.invalidateQueries({ queryKey: ['appeals'] });
      notify({
        color: 'green',
        title: 'Document added',
        message: `${kind} (${reference})`,
      });
    },
  });
  const refusal = refusalOf(add.error, FIELDS, {
    APPEAL_DOCUMENT_INCOMPLETE: 'reference',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="appeal-document-title">
        <Stack gap="sm">
          <Title order={3} size="h5" id="appeal-document-title">
            Add a document
          </Title>
          <Group grow align="flex-start">
            <TextInput
              label="Kind of document"
              styles={HINT}
              description="e.g. physician-letter"
              value={kind}
              onChange={(event) => setKind(event.currentTarget.value)}
              error={refusal.field.kind}
            />
            <TextInput
              label="Filed at (reference)"
              styles={HINT}
              description="e.g. DMS-2024-00456"
              value={reference}
              onChange={(event) => setReference(event.currentTarget.value)}
              error={refusal.field.reference}
            />
            <TextInput
              label="Received on"
              styles={HINT}
              description="Empty: today"
              type="date"
              value={receivedOn}
              onChange={(event) => setReceivedOn(event.currentTarget.value)}
              error={refusal.field.receivedOn}
            />
          </Group>
          {refusal.general && (
            <Alert variant="outline" color="red.9" role="alert" title="The document was not added">
              {refusal.general}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={add.isPending} disabled={add.isPending}>
              Add document
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
