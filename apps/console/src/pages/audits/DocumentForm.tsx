import { Alert, Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { notify, HINT, optionalDate, refusalOf } from './shared';
import { CPR_AED_KIND, type AuditCase } from './types';

const FIELDS = ['activityId', 'kind', 'reference', 'receivedOn'];
const CARD = '__cpr-aed__';

/** D5.3: staff record what arrives, per activity asked for, or the CPR/AED card. */
export function DocumentForm({ audit }: { audit: AuditCase }) {
  const queryClient = useQueryClient();
  const requested = audit.activities.filter((activity) => activity.documentsRequested);
  const choices = [
    ...requested.map((activity) => ({
      value: activity.activityId,
      label: `${activity.title} (${activity.activityDate})`,
    })),
    ...(audit.cprAedRequested ? [{ value: CARD, label: 'The CPR/AED card' }] : []),
  ];
  const [target, setTarget] = useState(choices[0]?.value ?? CARD);
  const [kind, setKind] = useState('certificate');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const card = target === CARD;
  const receive = useMutation({
    mutationFn: () =>
      api.post(`/audits/${audit.auditId}/documents`, {
        ...(card ? { kind: CPR_AED_KIND } : { activityId: target, kind }),
        reference,
        receivedOn: optionalDate(receivedOn),
      }),
    onSuccess: () => {
      setReference('');
      void queryClient.invalidateQueries({ queryKey: ['audits'] });
      notify({
        color: 'green',
        title: 'Document recorded',
        message: card ? 'The CPR/AED card' : (choices.find((c) => c.value === target)?.label ?? ''),
      });
    },
  });
  const refusal = refusalOf(receive.error, FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    receive.mutate();
  };

  if (choices.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-labelledby="document-form-title">
        <Stack gap="sm">
          <Title order={3} size="h5" id="document-form-title">
            Record a received document
          </Title>
          <NativeSelect
            styles={HINT}
            label="Document for"
            data={choices}
            value={target}
            onChange={(event) => setTarget(event.currentTarget.value)}
            error={refusal.field.activityId}
          />
          <Group grow align="flex-start">
            {!card && <TextInput styles={HINT} label="Kind of document" value={kind} onChange={(event) => setKind(event.currentTarget.value)} error={refusal.field.kind} />}
            <TextInput
              label="Filed at (reference)"
              styles={HINT}
              description="Where the document is kept, e.g. DMS-2024-00123"
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
            <Alert variant="outline" color="red.9" role="alert" title="The document was not recorded">
              {refusal.general}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={receive.isPending} disabled={receive.isPending}>
              Record document
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
