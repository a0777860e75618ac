import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { cycleChoices, cycleOf } from '../../lib/cycles';
import { placeRefusal } from '../../lib/refusal';
import { textUrl } from '../../ui/download';
import { notify } from '../../ui/notify';
import { ErrorAlert, Page, QueryState } from '../../ui/Page';
import { LabelledProgress } from '../../ui/LabelledProgress';
import { ScrollTable } from '../../ui/ScrollTable';
import { Bars, chartOf } from './ReportChart';
import { formatCell, REPORT_TYPES, STATUS_LABELS, TONES, reportCsv, startReport, useReport, type ReportAnswer, type ReportRequest, type ReportResult, type ReportType } from './reports-api';

/** /reports?report=<id>: the form, then the report asked for (its id in the address, so it can be shared). */
export function ReportsPage({ reportId }: { reportId?: string }) {
  const { can } = useSession();
  return (
    <Page title="Reports">
      {can('staff') ? (
        <ReportForm />
      ) : (
        <Alert color="blue" title="Running reports is for the staff role">
          You may read a report someone shares with you by its link.
        </Alert>
      )}
      {reportId && <ReportView reportId={reportId} />}
    </Page>
  );
}

const REPORT_FIELDS = ['type', 'cycle', 'asOf', 'knownAt'] as const;

/** A refusal of a report request without field problems names its field first ("asOf must be..."), or speaks of the cycle's policy. */
const fieldOfSentence = (error: ApiError) => (/cycle policy/.test(error.message) ? 'cycle' : error.message.split(' ')[0]);

function ReportForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [type, setType] = useState<ReportType>('cycle-completion');
  const [cycle, setCycle] = useState(cycleOf());
  const [asOf, setAsOf] = useState('');
  const [knownAt, setKnownAt] = useState('');
  const run = useMutation({
    mutationFn: (request: ReportRequest) => startReport(request),
    onSuccess: async ({ reportId }) => {
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
      notify('Report started', 'The history is being replayed; the result shows below when it is ready.');
      await navigate({ to: '/reports', search: { report: reportId } });
    },
  });
  const { field: errors, other } = placeRefusal(run.error, REPORT_FIELDS, fieldOfSentence);
  const about = REPORT_TYPES.find((choice) => choice.value === type)?.about;
  let knownAtIso: string | undefined;
  if (knownAt) {
    const instant = new Date(knownAt);
    knownAtIso = Number.isNaN(instant.getTime()) ? knownAt : instant.toISOString();
  }

  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          run.mutate({ type, ...(cycle ? { cycle } : {}), ...(asOf ? { asOf } : {}), ...(knownAtIso ? { knownAt: knownAtIso } : {}) });
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <NativeSelect
              label="Report"
              description={about}
              data={REPORT_TYPES.map((choice) => ({ value: choice.value, label: choice.label }))}
              value={type}
              onChange={(event) => setType(event.currentTarget.value as ReportType)}
              error={errors.type}
            />
            <NativeSelect
              label="Cycle"
              description="Every cycle begun by the date, or one."
              data={[{ value: '', label: 'Every cycle' }, ...cycleChoices().map((name) => ({ value: name, label: name }))]}
              value={cycle}
              onChange={(event) => setCycle(event.currentTarget.value)}
              error={errors.cycle}
            />
            <TextInput
              type="date"
              label="As of"
              description="The business date the report describes; empty: today."
              value={asOf}
              onChange={(event) => setAsOf(event.currentTarget.value)}
              error={errors.asOf}
            />
            <TextInput
              type="datetime-local"
              label="Known at"
              description="Only what was recorded by then, in your time zone; empty: now."
              value={knownAt}
              onChange={(event) => setKnownAt(event.currentTarget.value)}
              error={errors.knownAt}
            />
          </SimpleGrid>
          <ErrorAlert error={other} />
          <Group>
            <Button type="submit" disabled={run.isPending} loading={run.isPending}>
              Run report
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReportView({ reportId }: { reportId: string }) {
  const { data, error, isPending } = useReport(reportId);
  return (
    <QueryState loading={isPending} error={error}>
      {data && (
        <Stack gap="md">
          <Group gap="sm">
            <Title order={2} size="h3">
              {REPORT_TYPES.find((choice) => choice.value === data.request.type)?.label ?? data.request.type}
            </Title>
            <Badge color={data.status === 'done' ? TONES.good : data.status === 'failed' ? TONES.bad : TONES.info} variant="filled">
              {data.status === 'done' ? 'Done' : data.status === 'failed' ? 'Failed' : data.status === 'running' ? 'Running' : 'Queued'}
            </Badge>
          </Group>
          <Text size="sm">
            {data.request.cycle ? `Cycle ${data.request.cycle}` : 'Every cycle'}, as of {data.request.asOf}, as known at {new Date(data.request.knownAt).toLocaleString('en-US')}.
          </Text>
          {data.status === 'failed' && (
            <Alert color="red" title="The report failed" role="alert">
              {data.error ?? 'The report job failed.'}
            </Alert>
          )}
          {(data.status === 'queued' || data.status === 'running') && <ReportProgress report={data} />}
          {data.status === 'done' && data.result && <ReportResultView reportId={reportId} result={data.result} />}
        </Stack>
      )}
    </QueryState>
  );
}

function ReportProgress({ report }: { report: ReportAnswer }) {
  const head = Number(report.progress.head?.globalPosition ?? 0);
  const done = report.progress.eventsDone;
  const words = report.status === 'queued' ? 'Waiting for a worker…' : head > 0 ? `${done.toLocaleString('en-US')} of about ${head.toLocaleString('en-US')} events replayed` : 'Replaying the history…';
  return <LabelledProgress label="Report progress" percent={head > 0 ? (done / head) * 100 : 0} words={words} moving />;
}

function ReportResultView({ reportId, result }: { reportId: string; result: ReportResult }) {
  const chart = chartOf(result);
  const name = `${result.type}${result.parameters.cycle ? `-${result.parameters.cycle}` : ''}-as-of-${result.parameters.asOf}.csv`;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm">
          From {result.generatedFrom.eventsFolded.toLocaleString('en-US')} events
          {result.generatedFrom.eventsRecordedLater > 0 ? `; ${result.generatedFrom.eventsRecordedLater.toLocaleString('en-US')} recorded after “known at” were left out` : ''}.
        </Text>
        <CsvLink reportId={reportId} fileName={name} />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Summary result={result} />
        {chart && <Bars chart={chart} label="Report chart" />}
      </SimpleGrid>
      <Title order={3} size="h4">
        Rows ({result.rows.length.toLocaleString('en-US')})
      </Title>
      <ScrollTable<ReportResult['rows'][number]>
        label="Report rows"
        rows={result.rows}
        rowKey={(_, index) => String(index)}
        empty="The report has no rows: nothing on record matches."
        columns={result.columns.map((column) => ({
          key: column.key,
          label: labelOf(column.key, column.label),
          numeric: result.rows.some((row) => typeof row[column.key] === 'number'),
          render: (row) => formatCell(column.key, row[column.key] ?? null),
        }))}
      />
    </Stack>
  );
}

/** A status named as the team says it ("CEUs met"); any other column as the report labels it. */
const labelOf = (key: string, label: string) => STATUS_LABELS[key] ?? label;

function Summary({ result }: { result: ReportResult }) {
  // The stored result's keys come back in the database's order: list them in the columns' order.
  const order = new Map(result.columns.map((column, index) => [column.key, index]));
  const entries = Object.entries(result.summary).sort(([a], [b]) => (order.get(a) ?? 1_000) - (order.get(b) ?? 1_000));
  if (entries.length === 0) return null;
  const labels = new Map(result.columns.map((column) => [column.key, labelOf(column.key, column.label)]));
  return (
    <Table withTableBorder aria-label="Report summary">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Summary</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>
            Value
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" fw={400}>
              {labels.get(key) ?? key}
            </Table.Th>
            <Table.Td style={{ textAlign: 'right' }}>{formatCell(key, value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The CSV route needs the bearer token, so the file is fetched and offered as a link to a blob. */
function CsvLink({ reportId, fileName }: { reportId: string; fileName: string }) {
  const { data, error } = useQuery({ queryKey: ['reports', reportId, 'csv'], queryFn: () => reportCsv(reportId), staleTime: Infinity });
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    if (data === undefined) return undefined;
    const url = textUrl(data);
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [data]);
  if (error) return <Text size="sm">The CSV cannot be fetched: {error instanceof Error ? error.message : String(error)}</Text>;
  if (!href) return <Text size="sm">Preparing the CSV…</Text>;
  return (
    <Anchor href={href} download={fileName}>
      Download CSV
    </Anchor>
  );
}
