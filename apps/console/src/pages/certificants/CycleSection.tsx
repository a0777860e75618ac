import { Alert, Box, Card, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Can } from '../../auth/session';
import { ceus, money } from '../../lib/cycles';
import type { CategoryProgress, CertificationCycleStatus, CycleStatus } from './model';
import { ModalButton } from './ModalButton';
import { StatusBadge } from './StatusBadge';
import { WithdrawActivityForm } from './AccountForms';
import { activityLabel } from './words';

/** One category's CEUs on a common scale: applied, reported above the cap (not applied), the cap drawn as a mark. */
function CategoryBar({ certification, row, scale }: { certification: string; row: CategoryProgress; scale: number }) {
  const pct = (value: number) => Math.min(100, (value / scale) * 100);
  const over = Math.max(0, row.reportedCeus - row.appliedCeus);
  const label = `Category ${row.category}: ${ceus(row.appliedCeus)} applied of ${ceus(row.reportedCeus)} reported; maximum ${ceus(row.maxCeus)}`;
  return (
    <Box>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500}>
          Category {row.category}
        </Text>
        <Text size="sm">
          {ceus(row.appliedCeus)} applied · {ceus(row.reportedCeus)} reported · max {ceus(row.maxCeus)}
        </Text>
      </Group>
      <Box pos="relative" mt={4}>
        <Progress.Root size="lg" aria-label={`${certification} ${label}`}>
          <Progress.Section value={pct(row.appliedCeus)} color="blue" aria-label={`${certification} category ${row.category} applied`} />
          {over > 0 && <Progress.Section value={pct(over)} color="orange" striped aria-label={`${certification} category ${row.category} above the maximum, not applied`} />}
        </Progress.Root>
        {row.maxCeus > 0 && (
          <Box
            aria-hidden="true"
            pos="absolute"
            top={-3}
            h="calc(100% + 6px)"
            style={{
              left: `calc(${pct(row.maxCeus)}% - 1px)`,
              borderLeft: '2px solid var(--mantine-color-dark-7)',
            }}
            title={`Maximum ${ceus(row.maxCeus)}`}
          />
        )}
      </Box>
    </Box>
  );
}

function CertificationCard({ status, cycle, certificantId }: { status: CertificationCycleStatus; cycle: string; certificantId: string }) {
  const scale = Math.max(status.requiredCeus, ...status.byCategory.map((row) => Math.max(row.maxCeus, row.reportedCeus)), 0.1);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`cert-${status.certification}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={`cert-${status.certification}`}>
            {status.certification}
          </Title>
          <StatusBadge status={status.status} />
        </Group>
        <Text size="sm">
          Earned {status.earnedOn}
          {status.countsFrom ? `; activities count from ${status.countsFrom}` : ''}
          {status.completedOn ? `; completed on ${status.completedOn}` : ''}
        </Text>
        {status.required ? (
          <>
            <Text fw={500} aria-label={`${status.certification} applied CEUs`}>
              {ceus(status.appliedCeus)} of {ceus(status.requiredCeus)} CEUs applied
            </Text>
            <Progress
              value={Math.min(100, (status.appliedCeus / Math.max(status.requiredCeus, 0.1)) * 100)}
              color={status.appliedCeus >= status.requiredCeus ? 'green' : 'blue'}
              size="md"
              aria-label={`${status.certification} CEUs applied of required`}
            />
            <Stack gap="xs">
              {status.byCategory.map((row) => (
                <CategoryBar key={row.category} certification={status.certification} row={row} scale={scale} />
              ))}
            </Stack>
            <Text size="xs">Blue: applied; orange: reported above the category's maximum (kept, not applied); the dark mark is the maximum.</Text>
          </>
        ) : (
          <Text>
            No CEUs are required for {status.certification} in {cycle}.
          </Text>
        )}
        <Group gap="lg">
          <Text size="sm">
            Recertification fee: {status.recertificationFeePaid ? 'paid' : 'not paid'}
            {status.recertificationFeeCents != null ? ` (${money(status.recertificationFeeCents)})` : ''}
          </Text>
          <Text size="sm">Late fee: {status.lateFeeDue ? (status.lateFeePaid ? 'due, paid' : 'due, not paid') : status.lateFeePaid ? 'paid' : 'not due'}</Text>
        </Group>
        {status.blockers.length > 0 && (
          <Alert color="orange" variant="light" title="What blocks completion">
            <List size="sm">
              {status.blockers.map((blocker) => (
                <List.Item key={blocker.code}>{blocker.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Ledger status={status} cycle={cycle} certificantId={certificantId} />
      </Stack>
    </Card>
  );
}

function Ledger({ status, cycle, certificantId }: { status: CertificationCycleStatus; cycle: string; certificantId: string }) {
  if (status.ledger.length === 0) return <Text size="sm">No activity counts for {status.certification} in this cycle yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={`${status.certification} activity ledger`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Activity</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Reported</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Applied</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>
              <Can roles={['staff']}>Actions</Can>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {status.ledger.map((line) => (
            <Table.Tr key={line.activityId}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {line.title}
                </Text>
                <Text size="xs">{activityLabel(line.activityType)}</Text>
              </Table.Td>
              <Table.Td>{line.activityDate}</Table.Td>
              <Table.Td>{line.category}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{ceus(line.reportedCeus)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{ceus(line.appliedCeus)}</Table.Td>
              <Table.Td>{line.explanation}</Table.Td>
              <Table.Td>
                <Can roles={['staff']}>
                  <ModalButton
                    label="Withdraw"
                    title="Withdraw an activity"
                    buttonProps={{
                      size: 'xs',
                      'aria-label': `Withdraw “${line.title}” of ${line.activityDate}`,
                    }}
                  >
                    {(close) => (
                      <WithdrawActivityForm
                        certificantId={certificantId}
                        cycle={cycle}
                        activityId={line.activityId}
                        what={`“${line.title}” (${activityLabel(line.activityType)}) of ${line.activityDate}`}
                        onClose={close}
                      />
                    )}
                  </ModalButton>
                </Can>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The cycle status of api.md, one card per certification held. */
export function CycleStatusView({ status, certificantId }: { status: CycleStatus; certificantId: string }) {
  return (
    <Stack>
      <Text size="sm">
        Deadline {status.deadline}; late reporting until {status.lateDeadline}
        {status.asOf ? `; as of ${status.asOf}` : ''}.
      </Text>
      {status.certifications.length === 0 && <Text>No certification is held in {status.cycle}.</Text>}
      <SimpleGrid cols={{ base: 1, lg: status.certifications.length > 1 ? 2 : 1 }}>
        {status.certifications.map((certification) => (
          <CertificationCard key={certification.certification} status={certification} cycle={status.cycle} certificantId={certificantId} />
        ))}
      </SimpleGrid>
      {status.distinction && (
        <Text size="sm">
          Recertification with Distinction: {status.distinction.eligible ? 'eligible' : 'not eligible'}
          {status.distinction.reasons.length > 0 ? ` (${status.distinction.reasons.join('; ')})` : ''}
        </Text>
      )}
    </Stack>
  );
}
