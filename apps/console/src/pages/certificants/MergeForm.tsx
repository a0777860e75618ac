import { Alert, Button, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, query, type Page } from '../../api/client';
import { useCertificantCommand } from './command';
import { FormFooter } from '../../ui/FormFooter';
import type { CertificantListItem, CommandAnswer } from './model';

/**
 * Merge a duplicate account into this one (D1.3): find the duplicate by search, pick it, confirm.
 * The duplicate's history joins this account; it takes no more commands.
 */
export function MergeForm({ certificantId, name, onClose }: { certificantId: string; name: string; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const [picked, setPicked] = useState<CertificantListItem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const found = useQuery({
    queryKey: ['certificants', 'merge-search', q],
    queryFn: () => api.get<Page<CertificantListItem>>(`/certificants${query({ q, limit: 10 })}`),
    enabled: q.length > 0,
  });
  const command = useCertificantCommand({
    certificantId,
    send: (body: { duplicateCertificantId: string }) => api.post<CommandAnswer>(`/certificants/${encodeURIComponent(certificantId)}/merge`, body),
    fields: ['duplicateCertificantId'],
    success: () => `${picked?.name ?? 'The duplicate'} was merged into ${name}.`,
    onDone: onClose,
  });
  const candidates = (found.data?.items ?? []).filter((item) => item.certificantId !== certificantId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    if (!confirming) setConfirming(true);
    else command.mutate({ duplicateCertificantId: picked.certificantId });
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        {!confirming ? (
          <>
            <TextInput label="Find the duplicate" description="Name, email or member ID" value={typed} onChange={(event) => setTyped(event.currentTarget.value)} data-autofocus />
            {found.isFetching && <Text size="sm">Searching…</Text>}
            {q && !found.isFetching && candidates.length === 0 && <Text size="sm">No other account matches.</Text>}
            {candidates.length > 0 && (
              <Radio.Group
                label="Duplicate account"
                value={picked?.certificantId ?? null}
                onChange={(value) => setPicked(candidates.find((item) => item.certificantId === value) ?? null)}
                error={command.refusal.fields.duplicateCertificantId}
              >
                <Stack gap="xs" mt="xs">
                  {candidates.map((item) => (
                    <Radio
                      key={item.certificantId}
                      value={item.certificantId}
                      label={`${item.name} · ${item.email}${item.memberId ? ` · ${item.memberId}` : ''}${item.certifications.length ? ` · ${item.certifications.map((c) => c.certification).join(', ')}` : ''}`}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <FormFooter general={command.refusal.general} pending={false} submit="Continue" onCancel={onClose} />
          </>
        ) : (
          <>
            <Alert color="orange" title="Merge these accounts?">
              {picked?.name} ({picked?.email}) will be merged into {name}. Its history, activities and fees join this account, nothing is counted twice, and the duplicate takes no
              more commands. This cannot be undone.
            </Alert>
            {command.refusal.fields.duplicateCertificantId && (
              <Alert color="red" role="alert">
                {command.refusal.fields.duplicateCertificantId}
              </Alert>
            )}
            <FormFooter
              general={command.refusal.general}
              pending={command.isPending}
              submit="Merge accounts"
              onCancel={onClose}
              extra={
                <Button variant="default" onClick={() => setConfirming(false)}>
                  Back
                </Button>
              }
            />
          </>
        )}
      </Stack>
    </form>
  );
}
