import { TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { DocumentFormShell } from '../audits/DocumentFormShell';
import { notify, optionalDate, refusalOf } from '../audits/shared';

const FIELDS = ['kind', 'reference', 'receivedOn'];

export function AppealDocumentForm({ appealId }: { appealId: string }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState('');
  const reference = useState('');
  const receivedOn = useState('');
  const add = useMutation({
    mutationFn: () => api.post(`/appeals/${appealId}/documents`, { kind, reference: reference[0], receivedOn: optionalDate(receivedOn[0]) }),
    onSuccess: () => {
      setKind('');
      reference[1]('');
      void queryClient.invalidateQueries({ queryKey: ['appeals'] });
      notify({ color: 'green', title: 'Document added', message: `${kind} (${reference[0]})` });
    },
  });
  const refusal = refusalOf(add.error, FIELDS, { APPEAL_DOCUMENT_INCOMPLETE: 'reference' });
  return (
    <DocumentFormShell
      title="Add a document"
      submitLabel="Add document"
      notDone="The document was not added"
      referenceHint="e.g. DMS-2024-00456"
      reference={reference}
      receivedOn={receivedOn}
      refusal={refusal}
      pending={add.isPending}
      onSubmit={() => add.mutate()}
    >
      <TextInput
        label="Kind of document"
        description="e.g. physician-letter"
        value={kind}
        onChange={(event) => setKind(event.currentTarget.value)}
        error={refusal.field.kind}
      />
    </DocumentFormShell>
  );
}
