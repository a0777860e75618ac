import { Badge, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { pollUntil } from '../../lib/polling';
import { LabelledProgress } from '../../ui/LabelledProgress';
import { notify } from '../../ui/notify';
import { ErrorAlert, QueryState } from '../../ui/Page';
import { listProjections, operationsKeys, rebuildRun, type ProjectionStatus, type RebuildRun } from './operations-api';

// Shades dark enough for white text at AA (4.5:1).
const STATUS_COLOR: Record<string, string> = { running: 'teal.9', rebuilding: 'blue.8', stopped: 'gray.8', failed: 'red.9' };
const REFRESH_MS = 3_000;
/** The first parked streams shown per projection; the rest are counted (the page refreshes every few seconds). */
const PARKED_SHOWN = 200;

/** GET /projections every few seconds: how far each read model is behind, what is parked, and rebuilds. */
export function ProjectionsPanel() {
  const projections = useQuery({ queryKey: operationsKeys.projections, queryFn: listProjections, refetchInterval: REFRESH_MS });
  // The rebuild jobs started from this page, by projection, to follow them to their end.
  const [jobs, setJobs] = useState<Record<string, string>>({});
  const items = projections.data?.items ?? [];
  const parked = items.filter((item) => item.parked.length > 0);

  return (
    <Stack gap="sm" component="section" aria-labelledby="projections-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="projections-title">
          Projections
        </Title>
        {projections.dataUpdatedAt > 0 && <Text size="sm">Updated {new Date(projections.dataUpdatedAt).toLocaleTimeString()}, every few seconds.</Text>}
      </Group>
      <QueryState loading={projections.isPending} error={projections.error}>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Projections">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Projection</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Position</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Head</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Lag</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Parked streams</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>Rebuild</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <ProjectionRow key={item.name} projection={item} jobId={jobs[item.name] ?? null} onStarted={(jobId) => setJobs((all) => ({ ...all, [item.name]: jobId }))} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {parked.map((item) => (
          <ParkedStreams key={item.name} projection={item} />
        ))}
      </QueryState>
    </Stack>
  );
}

function ProjectionRow({ projection, jobId, onStarted }: { projection: ProjectionStatus; jobId: string | null; onStarted: (jobId: string) => void }) {
  const queryClient = useQueryClient();
  const rebuild = useMutation({
    mutationFn: () => api.post<{ jobId: string }>(`/projections/${encodeURIComponent(projection.name)}/rebuild`),
    onSuccess: ({ jobId: started }) => {
      onStarted(started);
      notify('Rebuild started', `${projection.name} is being rebuilt into fresh tables.`);
      void queryClient.invalidateQueries({ queryKey: operationsKeys.projections });
    },
  });
  const rebuilding = projection.status === 'rebuilding' || projection.rebuild !== null;
  return (
    <Table.Tr>
      <Table.Td>
        <Text ff="monospace" size="sm">
          {projection.name}
        </Text>
        <Text size="xs">version {projection.version}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[projection.status] ?? 'gray.8'} variant="filled">
          {projection.status}
        </Badge>
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{projection.position}</Table.Td>
      <Table.Td style={{ textAlign: 'right' }}>{projection.head}</Table.Td>
      <Table.Td style={{ textAlign: 'right' }} fw={projection.lag > 0 ? 700 : undefined}>
        {projection.lag}
      </Table.Td>
      <Table.Td style={{ textAlign: 'right' }} c={projection.parkedStreams > 0 ? 'red.9' : undefined} fw={projection.parkedStreams > 0 ? 700 : undefined}>
        {projection.parkedStreams}
      </Table.Td>
      <Table.Td maw={280}>
        {projection.lastError ? (
          <Text size="sm" c="red.9" style={{ wordBreak: 'break-word' }}>
            {projection.lastError}
            {projection.lastErrorAt && ` (${new Date(projection.lastErrorAt).toLocaleString()})`}
          </Text>
        ) : (
          <Text size="sm">None</Text>
        )}
      </Table.Td>
      <Table.Td miw={220}>
        <Stack gap={4}>
          <Button size="xs" variant="default" aria-label={`Rebuild ${projection.name}`} onClick={() => rebuild.mutate()} loading={rebuild.isPending} disabled={rebuild.isPending || rebuilding}>
            Rebuild
          </Button>
          {rebuild.error && <RebuildRefusal error={rebuild.error} />}
          <RebuildProgress projection={projection} jobId={jobId} />
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function RebuildRefusal({ error }: { error: unknown }) {
  return error instanceof ApiError ? (
    <Text size="xs" c="red.9" role="alert">
      {error.message}
    </Text>
  ) : (
    <ErrorAlert error={error} />
  );
}

/** The rebuild under way (GET /projections' `rebuild`), or the end of the one started here (its job). */
function RebuildProgress({ projection, jobId }: { projection: ProjectionStatus; jobId: string | null }) {
  const job = useQuery({
    queryKey: operationsKeys.rebuild(projection.name, jobId ?? ''),
    queryFn: () => rebuildRun(projection.name, jobId!),
    enabled: jobId !== null,
    refetchInterval: pollUntil<RebuildRun>((run) => run.state !== 'running', 1_000),
  });
  const eventsDone = projection.rebuild?.eventsDone ?? (job.data?.state === 'running' ? job.data.eventsDone : null);
  if (eventsDone !== null) {
    const head = Math.max(projection.head, job.data?.head ?? 0, 1);
    return <LabelledProgress label={`Rebuild of ${projection.name}`} percent={(eventsDone / head) * 100} words={`Rebuilding: ${eventsDone} of ${head} events`} moving />;
  }
  if (job.data?.state === 'completed') return <Text size="xs">Rebuilt: {job.data.eventsDone} events, swapped in.</Text>;
  if (job.data?.state === 'failed') {
    return (
      <Text size="xs" c="red.9" role="alert">
        The rebuild failed: {job.data.error}
      </Text>
    );
  }
  if (jobId) return <Text size="xs">Rebuild requested…</Text>;
  return null;
}

function ParkedStreams({ projection }: { projection: ProjectionStatus }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Parked streams of {projection.name}
      </Title>
      <Text size="sm">A parked stream waits from the event that failed; the other streams go on.</Text>
      <Table.ScrollContainer minWidth={800}>
        <Table striped aria-label={`Parked streams of ${projection.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Stream</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>From revision</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Events held</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>Parked at</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {projection.parked.slice(0, PARKED_SHOWN).map((stream) => (
              <Table.Tr key={stream.streamId}>
                <Table.Td>
                  <Code>{stream.streamId}</Code>
                </Table.Td>
                <Table.Td>{stream.eventType}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{stream.fromRevision}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{stream.parkedEvents}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{stream.error}</Table.Td>
                <Table.Td>
                  {new Date(stream.parkedAt).toLocaleString()}
                  {stream.retryRequestedAt && <Text size="xs">retry asked {new Date(stream.retryRequestedAt).toLocaleString()}</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {projection.parked.length > PARKED_SHOWN && <Text size="sm">And {projection.parked.length - PARKED_SHOWN} more parked streams.</Text>}
    </Stack>
  );
}
