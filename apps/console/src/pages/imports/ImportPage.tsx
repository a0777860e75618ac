import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../../api/client';
import { Can } from '../../auth/session';
import { placeRefusal } from '../../lib/refusal';
import { notify } from '../../ui/notify';
import { ErrorAlert, Page, QueryState } from '../../ui/Page';
import { ImportOutcome, ImportProgress, ImportStatusBadge } from './ImportOutcome';
import { importKey, recentImports, useImport } from './imports-api';

/** /imports/$importId: one import, live while it runs, then its outcome; revert it with a reason. */
export function ImportPage({ importId }: { importId: string }) {
  const [reverting, setReverting] = useState(false);
  const { data, error, isPending } = useImport(importId, reverting ? { until: 'reverted' } : {});
  const remembered = recentImports().find((item) => item.importId === importId);
  const fileName = remembered?.fileName ?? 'import.csv';
  return (
    <Page
      title="Import"
      actions={
        <Anchor component={Link} to="/imports">
          All imports
        </Anchor>
      }
    >
      <QueryState loading={isPending} error={error}>
        {data && (
          <Stack gap="md">
            <Group gap="sm">
              <ImportStatusBadge status={data.status} />
              <Text>
                {remembered ? `${remembered.fileName}, ` : ''}
                {data.kind ?? remembered?.kind ?? 'kind not known yet'}
              </Text>
              <Text size="sm" ff="monospace">
                {importId}
              </Text>
            </Group>
            {data.status === 'failed' && (
              <Alert color="red" title="The import stopped" role="alert">
                {data.error ?? 'The import job failed.'} Rows already recorded stay recorded; running the import again resumes where it stopped.
              </Alert>
            )}
            <ImportProgress status={data} />
            {data.status === 'queued' && <Text>Waiting for a worker to pick the import up…</Text>}
            {data.status !== 'queued' && <ImportOutcome status={data} fileName={`${fileName.replace(/\.csv$/i, '')}-refused.csv`} />}
            {data.status === 'completed' && data.acceptedRows > 0 && (
              <Can roles={['staff']}>
                <RevertForm importId={importId} onStarted={() => setReverting(true)} />
              </Can>
            )}
            {data.status === 'reverted' && <Text>This import was reverted: every activity it recorded is withdrawn, each logged as its own event.</Text>}
          </Stack>
        )}
      </QueryState>
    </Page>
  );
}

function RevertForm({ importId, onStarted }: { importId: string; onStarted: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const revert = useMutation({
    mutationFn: () => api.post<{ importId: string }>(`/imports/${encodeURIComponent(importId)}/revert`, { reason }),
    onSuccess: async () => {
      onStarted();
      await queryClient.invalidateQueries({ queryKey: importKey(importId) });
      notify('Revert started', 'Every activity this import recorded is being withdrawn.');
    },
  });
  const { field: fieldErrors, other } = placeRefusal(revert.error, ['reason']);
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          revert.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            Revert this import
          </Title>
          <Text size="sm">Withdraws every activity the import recorded. The import and the withdrawals stay in each certificant&apos;s history.</Text>
          <TextInput label="Reason" required value={reason} onChange={(event) => setReason(event.currentTarget.value)} error={fieldErrors.reason} maw={520} />
          <ErrorAlert error={other} />
          <Group>
            <Button type="submit" color="red" disabled={revert.isPending || reason.trim() === ''} loading={revert.isPending}>
              Revert import
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
