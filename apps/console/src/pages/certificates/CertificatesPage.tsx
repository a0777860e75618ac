import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Can } from '../../auth/session';
import { cycleChoices } from '../../lib/cycles';
import { placeRefusal } from '../../lib/refusal';
import { notify } from '../../ui/notify';
import { ErrorAlert, Page } from '../../ui/Page';
import { IssuanceRunPanel } from './IssuanceRunPanel';
import { ReadinessPanel } from './ReadinessPanel';

/** Issue 6.7: who is ready for a certificate in a cycle and why not (D7.1), and issuing them (D7.2). */
export function CertificatesPage({
  cycle,
  run,
  onChange,
}: {
  cycle: string;
  run: string | null;
  onChange: (next: { cycle?: string; run?: string }) => void;
}) {
  const choices = cycleChoices();
  if (!choices.includes(cycle)) choices.unshift(cycle);

  const issue = useMutation({
    mutationFn: () => api.post<{ jobId: string }>('/certificates/issue', { cycle }),
    onSuccess: ({ jobId }) => {
      onChange({ run: jobId });
      notify('Issuing certificates', `Certificates for ${cycle} are being issued to everyone ready.`);
    },
  });
  const { field: fieldErrors, other } = placeRefusal(issue.error, ['cycle']);

  return (
    <Page title="Certificates">
      <Text>
        A certification complete for its cycle and not waiting on an audit is ready for its certificate. Each certificate is issued once per
        certification and cycle and carries a verification code anyone can check.
      </Text>
      <ErrorAlert error={other} />
      <Group align="flex-end" gap="md">
        <NativeSelect
          label="Cycle"
          data={choices}
          value={cycle}
          onChange={(event) => {
            issue.reset();
            onChange({ cycle: event.currentTarget.value });
          }}
          error={fieldErrors.cycle}
          w={180}
        />
        <Can roles={['staff']}>
          <Button onClick={() => issue.mutate()} loading={issue.isPending} disabled={issue.isPending}>
            Issue certificates for {cycle}
          </Button>
        </Can>
      </Group>
      <Stack gap="xl">
        {run && <IssuanceRunPanel jobId={run} onDismiss={() => onChange({ run: undefined })} />}
        <ReadinessPanel cycle={cycle} />
      </Stack>
    </Page>
  );
}
