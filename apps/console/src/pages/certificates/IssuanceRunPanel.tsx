import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect } from 'react';
import { pollUntil } from '../../lib/polling';
import { LabelledProgress } from '../../ui/LabelledProgress';
import { QueryState } from '../../ui/Page';
import { ScrollTable, type ScrollColumn } from '../../ui/ScrollTable';
import { certificateKeys, issuanceRun, type IssuanceRun } from './certificates-api';

type Issued = IssuanceRun['issued'][number];
type Refused = IssuanceRun['refused'][number];

const issuedColumns: ScrollColumn<Issued>[] = [
  {
    key: 'certificant',
    label: 'Certificant',
    width: 150,
    render: (row) => (
      <Anchor component={Link} to={`/certificants/${row.certificantId}`} ff="monospace" size="sm" title={row.certificantId}>
        {row.certificantId.slice(0, 8)}
      </Anchor>
    ),
  },
  { key: 'certification', label: 'Certification', width: 140, render: (row) => row.certification },
  {
    key: 'code',
    label: 'Verification code',
    render: (row) => (
      <Anchor component={Link} to={`/verify/${row.verificationCode}`} ff="monospace">
        {row.verificationCode}
      </Anchor>
    ),
  },
];

const refusedColumns: ScrollColumn<Refused>[] = [
  { key: 'id', label: 'Certificant and certification', render: (row) => row.id },
  { key: 'code', label: 'Refused with', render: (row) => row.code },
];

// Shades dark enough for white text at AA (4.5:1).
const STATE_COLOR = { running: 'blue.8', completed: 'teal.9', failed: 'red.9' } as const;
const STATE_WORDS = { running: 'Running', completed: 'Finished', failed: 'Failed' } as const;

/** GET /certificates/runs/:jobId, polled while the run works: progress, then what it issued and refused. */
export function IssuanceRunPanel({ jobId, onDismiss }: { jobId: string; onDismiss: () => void }) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: certificateKeys.run(jobId),
    queryFn: () => issuanceRun(jobId),
    refetchInterval: pollUntil<IssuanceRun>((data) => data.state !== 'running', 1_000),
  });
  const state = run.data?.state;
  const cycle = run.data?.cycle;

  useEffect(() => {
    // What the run issued changes nothing in readiness, but the certificants' pages show certificates.
    if (state && state !== 'running' && cycle) void queryClient.invalidateQueries({ queryKey: certificateKeys.readiness(cycle) });
  }, [state, cycle, queryClient]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="issuance-run-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="issuance-run-title">
            Issuance run{cycle ? ` for ${cycle}` : ''}
          </Title>
          <Group gap="xs">
            {state && (
              <Badge color={STATE_COLOR[state]} variant="filled">
                {STATE_WORDS[state]}
              </Badge>
            )}
            <Button variant="default" size="xs" onClick={onDismiss} disabled={state === 'running'}>
              Close run
            </Button>
          </Group>
        </Group>
        <QueryState loading={run.isPending} error={run.error}>
          {run.data && <RunDetails run={run.data} />}
        </QueryState>
      </Stack>
    </Paper>
  );
}

function RunDetails({ run }: { run: IssuanceRun }) {
  const total = run.total;
  const percent = total ? Math.round((run.done / total) * 100) : run.state === 'running' ? 0 : 100;
  return (
    <>
      <LabelledProgress
        label="Issuance progress"
        percent={percent}
        moving={run.state === 'running'}
        words={
          `${total === null ? 'Finding who is ready…' : `${run.done} of ${total} ready certifications handled`}: ` +
          `${run.changed} certificate${run.changed === 1 ? '' : 's'} issued, ${run.refused.length} refused.` +
          (run.state === 'completed' && run.changed === 0 && total !== null ? ' Every ready certification already had its certificate.' : '')
        }
      />
      {run.error && (
        <Text c="red.9" role="alert">
          The run stopped: {run.error}
        </Text>
      )}
      {run.issued.length > 0 && (
        <ScrollTable label="Certificates issued" rows={run.issued} columns={issuedColumns} rowKey={(row) => row.verificationCode} maxHeight={360} />
      )}
      {run.refused.length > 0 && (
        <ScrollTable label="Certifications refused" rows={run.refused} columns={refusedColumns} rowKey={(row) => row.id} maxHeight={240} />
      )}
    </>
  );
}
