import { NativeSelect, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { DocumentFormShell } from './DocumentFormShell';
import { notify, optionalDate, refusalOf } from './shared';
import { CPR_AED_KIND, type AuditCase } from './types';

const FIELDS = ['activityId', 'kind', 'reference', 'receivedOn'];
const CARD = '__cpr-aed__';

/** D5.3: staff record what arrives, per activity asked for, or the CPR/AED card. */
export function DocumentForm({ audit }: { audit: AuditCase }) {
  const queryClient = useQueryClient();
  const requested = audit.activities.filter((activity) => activity.documentsRequested);
  const choices = [
    ...requested.map((activity) => ({ value: activity.activityId, label: `${activity.title} (${activity.activityDate})` })),
    ...(audit.cprAedRequested ? [{ value: CARD, label: 'The CPR/AED card' }] : []),
  ];
  const [target, setTarget] = useState(choices[0]?.value ?? CARD);
  const [kind, setKind] = useState('certificate');
  const reference = useState('');
  const receivedOn = useState('');
  const card = target === CARD;
  const receive = useMutation({
    mutationFn: () =>
      api.post(`/audits/${audit.auditId}/documents`, {
        ...(card ? { kind: CPR_AED_KIND } : { activityId: target, kind }),
        reference: reference[0],
        receivedOn: optionalDate(receivedOn[0]),
      }),
    onSuccess: () => {
      reference[1]('');
      void queryClient.invalidateQueries({ queryKey: ['audits'] });
      notify({ color: 'green', title: 'Document recorded', message: card ? 'The CPR/AED card' : (choices.find((c) => c.value === target)?.label ?? '') });
    },
  });
  const refusal = refusalOf(receive.error, FIELDS);

  if (choices.length === 0) return null;
  return (
    <DocumentFormShell
      title="Record a received document"
      submitLabel="Record document"
      notDone="The document was not recorded"
      referenceHint="Where the document is kept, e.g. DMS-2024-00123"
      reference={reference}
      receivedOn={receivedOn}
      refusal={refusal}
      pending={receive.isPending}
      onSubmit={() => receive.mutate()}
      above={
        <NativeSelect
          label="Document for"
          data={choices}
          value={target}
          onChange={(event) => setTarget(event.currentTarget.value)}
          error={refusal.field.activityId}
        />
      }
    >
      {!card && <TextInput label="Kind of document" value={kind} onChange={(event) => setKind(event.currentTarget.value)} error={refusal.field.kind} />}
    </DocumentFormShell>
  );
}
