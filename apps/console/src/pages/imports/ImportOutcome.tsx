import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ceus } from '../../lib/cycles';
import { downloadText, toCsv } from '../../ui/download';
import { LabelledProgress } from '../../ui/LabelledProgress';
import { ScrollTable } from '../../ui/ScrollTable';
import { TONES } from '../reports/reports-api';
import type { ImportStatus, Rejection } from './imports-api';

const STATUS_COLOR: Record<ImportStatus['status'], string> = {
  queued: TONES.neutral,
  running: TONES.info,
  completed: TONES.good,
  reverted: TONES.warn,
  failed: TONES.bad,
  'dry-run': TONES.other,
};
const STATUS_LABEL: Record<ImportStatus['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  reverted: 'Reverted',
  failed: 'Failed',
  'dry-run': 'Dry run',
};

export function ImportStatusBadge({ status }: { status: ImportStatus['status'] }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled">
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** processedRows of totalRows as a bar with its words (a screen reader hears both). */
export function ImportProgress({ status }: { status: ImportStatus }) {
  const percent = status.totalRows > 0 ? (status.processedRows / status.totalRows) * 100 : status.status === 'completed' ? 100 : 0;
  const words = `${status.processedRows.toLocaleString('en-US')} of ${status.totalRows.toLocaleString('en-US')} rows processed`;
  return <LabelledProgress label="Import progress" percent={percent} words={words} moving={!['completed', 'reverted', 'failed'].includes(status.status)} />;
}

/** Accepted, duplicate and refused rows, and the refused rows with their codes and sentences. */
export function ImportOutcome({ status, dryRun = false, fileName }: { status: ImportStatus; dryRun?: boolean; fileName: string }) {
  const verb = dryRun ? 'would be' : 'were';
  return (
    <Stack gap="sm">
      <Table withTableBorder w="auto" maw={420} aria-label={dryRun ? 'Dry run outcome' : 'Import outcome'}>
        <Table.Tbody>
          <OutcomeRow label="Accepted" value={status.acceptedRows} />
          <OutcomeRow label="Duplicates" value={status.duplicateRows} />
          <OutcomeRow label="Refused" value={status.rejectedRows} />
          <OutcomeRow label="Rows in the file" value={status.totalRows} />
          {dryRun && status.acceptedTenths !== undefined && <OutcomeRow label="CEUs added" value={ceus(status.acceptedTenths / 10)} />}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Duplicates {verb} skipped: their provider reference (externalRef, or the row&apos;s content when there is none) was already counted.
      </Text>
      <Rejections rejections={status.rejections} verb={verb} fileName={fileName} />
    </Stack>
  );
}

function OutcomeRow({ label, value }: { label: string; value: number | string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td style={{ textAlign: 'right' }}>{typeof value === 'number' ? value.toLocaleString('en-US') : value}</Table.Td>
    </Table.Tr>
  );
}

function Rejections({ rejections, verb, fileName }: { rejections: Rejection[]; verb: string; fileName: string }) {
  if (rejections.length === 0) return <Text>No row {verb} refused.</Text>;
  const download = () =>
    downloadText(
      fileName,
      toCsv(
        ['row', 'code', 'message'],
        rejections.map((r) => [r.row, r.code, r.message]),
      ),
    );
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Refused rows ({rejections.length.toLocaleString('en-US')})
        </Title>
        <Button variant="default" size="xs" onClick={download}>
          Download refused rows (CSV)
        </Button>
      </Group>
      <ScrollTable
        label="Refused rows"
        rows={rejections}
        rowKey={(r) => String(r.row)}
        columns={[
          { key: 'row', label: 'Row', numeric: true, render: (r) => r.row },
          { key: 'code', label: 'Code', render: (r) => <Text ff="monospace" size="sm">{r.code}</Text> },
          { key: 'message', label: 'Why', render: (r) => r.message },
        ]}
      />
    </Stack>
  );
}
