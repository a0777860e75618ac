import { Alert, Anchor, Button, Group, Input, List, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { useSession } from '../../auth/session';
import { placeRefusal } from '../../lib/refusal';
import { notify } from '../../ui/notify';
import { ErrorAlert, Page } from '../../ui/Page';
import { previewCsv, type CsvPreview } from './csv-preview';
import { ImportOutcome, ImportStatusBadge } from './ImportOutcome';
import { FINISHED, IMPORT_KINDS, recentImports, rememberImport, uploadImport, useImport, type ImportStatus } from './imports-api';

export function ImportsPage() {
  const { can } = useSession();
  return (
    <Page title="Imports">
      {can('staff') ? (
        <ImportForm />
      ) : (
        <Alert color="blue" title="Imports are for the staff role">
          Ask an administrator for the staff role to upload CEU imports. You may still open an import someone shares with you.
        </Alert>
      )}
      <RecentImports />
    </Page>
  );
}

function ImportForm() {
  const fileId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<string>('event-attendance');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [dryRunOf, setDryRunOf] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (!file) setPreview(null);
    else
      void previewCsv(file, kind).then(
        (read) => live && setPreview(read),
        () => live && setPreview({ header: [], rows: [], more: false, problems: ['The browser could not read this file.'] }),
      );
    return () => {
      live = false;
    };
  }, [file, kind]);

  const dryRun = useMutation({
    mutationFn: ({ kind, file }: { kind: string; file: File }) => uploadImport(kind, file, true),
    onSuccess: (answer) => {
      // api.md: a dry run may also answer 202 with an id to poll.
      setDryRunOf('status' in answer ? null : answer.importId);
    },
  });
  const start = useMutation({
    mutationFn: ({ kind, file }: { kind: string; file: File }) => uploadImport(kind, file, false),
    onSuccess: async (answer, { kind, file }) => {
      const importId = 'importId' in answer ? answer.importId : '';
      rememberImport({ importId, kind, fileName: file.name, startedAt: new Date().toISOString() });
      await queryClient.invalidateQueries({ queryKey: ['imports'] });
      notify('Import started', `${file.name} is being imported.`);
      await navigate({ to: '/imports/$importId', params: { importId } });
    },
  });

  const error = start.error ?? dryRun.error;
  const { field: fieldErrors, other: generalError } = placeRefusal(error, ['kind', 'file']);
  const pending = start.isPending || dryRun.isPending;
  const reset = () => {
    start.reset();
    dryRun.reset();
    setDryRunOf(null);
  };
  const dryAnswer = dryRun.data && 'status' in dryRun.data ? dryRun.data : null;

  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (file) start.mutate({ kind, file });
          }}
        >
          <Stack gap="sm">
            <NativeSelect
              label="Kind"
              description="What the rows are: each kind has columns of its own."
              data={IMPORT_KINDS.map((choice) => ({ value: choice.value, label: `${choice.label} (${choice.value})` }))}
              value={kind}
              onChange={(event) => {
                setKind(event.currentTarget.value);
                reset();
              }}
              error={fieldErrors.kind}
              maw={420}
            />
            <Input.Wrapper
              label="CSV file"
              labelProps={{ htmlFor: fileId }}
              description="The first line names the columns: certificantId, memberId or email, then activityDate, title, provider, externalRef and the kind's own."
              error={fieldErrors.file}
            >
              <div>
                <input
                  id={fileId}
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(event) => {
                    setFile(event.currentTarget.files?.[0] ?? null);
                    reset();
                  }}
                />
              </div>
            </Input.Wrapper>
            {preview && <Preview preview={preview} fileName={file?.name ?? ''} />}
            <ErrorAlert error={generalError} />
            <Group>
              <Button variant="default" disabled={!file || pending} loading={dryRun.isPending} onClick={() => file && dryRun.mutate({ kind, file })}>
                Dry run
              </Button>
              <Button type="submit" disabled={!file || pending} loading={start.isPending}>
                Start import
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      {dryAnswer && <DryRunResult status={dryAnswer} fileName={file?.name ?? 'import.csv'} />}
      {dryRunOf && <PolledDryRun importId={dryRunOf} fileName={file?.name ?? 'import.csv'} />}
    </Stack>
  );
}

function Preview({ preview, fileName }: { preview: CsvPreview; fileName: string }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        Preview of {fileName}
      </Title>
      {preview.problems.length > 0 ? (
        <Alert color="yellow" title="Check the file before importing" role="status">
          <List size="sm">
            {preview.problems.slice(0, 10).map((problem) => (
              <List.Item key={problem}>{problem}</List.Item>
            ))}
          </List>
          {preview.problems.length > 10 && <Text size="sm">and {preview.problems.length - 10} more.</Text>}
        </Alert>
      ) : (
        <Text size="sm">The header has the columns this kind needs. A dry run checks every row against the records and the rules.</Text>
      )}
      {preview.header.length > 0 && (
        <Table.ScrollContainer minWidth={500} type="native">
          <Table striped withTableBorder aria-label={`First rows of ${fileName}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Row</Table.Th>
                {preview.header.map((name, index) => (
                  <Table.Th scope="col" key={`${name}-${index}`}>
                    {name || `(column ${index + 1})`}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row, rowIndex) => (
                <Table.Tr key={rowIndex}>
                  <Table.Td>{rowIndex + 1}</Table.Td>
                  {preview.header.map((_, index) => (
                    <Table.Td key={index}>{row[index] ?? ''}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="sm">
        {preview.rows.length === 0 ? 'No rows under the header.' : `Showing the first ${preview.rows.length} row${preview.rows.length > 1 ? 's' : ''}${preview.more ? '; more follow' : ''}.`}
      </Text>
    </Stack>
  );
}

function DryRunResult({ status, fileName }: { status: ImportStatus; fileName: string }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Dry run: nothing was recorded
        </Title>
        <ImportOutcome status={status} dryRun fileName={`${fileName.replace(/\.csv$/i, '')}-dry-run-refused.csv`} />
      </Stack>
    </Paper>
  );
}

function PolledDryRun({ importId, fileName }: { importId: string; fileName: string }) {
  const { data, error } = useImport(importId);
  if (error) return <ErrorAlert error={error} />;
  if (!data || !FINISHED.has(data.status)) return <Text>Checking every row…</Text>;
  return <DryRunResult status={data} fileName={fileName} />;
}

/** The imports started in this tab: the API keeps no list of imports to ask for. */
function RecentImports() {
  const [recent] = useState(recentImports);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Imports started in this browser session
      </Title>
      {recent.length === 0 ? (
        <Text>None yet. An import you start here is listed until you close this tab; the API keeps no list of imports.</Text>
      ) : (
        <Table withTableBorder aria-label="Imports started in this browser session">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">File</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Started</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recent.map((item) => (
              <Table.Tr key={item.importId}>
                <Table.Td>
                  <Anchor component={Link} to={`/imports/${item.importId}`}>
                    {item.fileName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{item.kind}</Table.Td>
                <Table.Td>{new Date(item.startedAt).toLocaleString('en-US')}</Table.Td>
                <Table.Td>
                  <RecentStatus importId={item.importId} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function RecentStatus({ importId }: { importId: string }) {
  const { data, error } = useImport(importId);
  if (error) return <Text size="sm">{error instanceof Error ? error.message : 'Unknown'}</Text>;
  if (!data) return <Text size="sm">…</Text>;
  return <ImportStatusBadge status={data.status} />;
}
