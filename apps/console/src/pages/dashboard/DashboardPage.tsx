import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { cycleOf } from '../../lib/cycles';
import { Page, QueryState } from '../../ui/Page';
import { Bars } from '../reports/ReportChart';
import { STATUS_COLORS, STATUS_LABELS, STATUSES, TONES } from '../reports/reports-api';
import type { ProjectionStatus } from '../operations/operations-api';
import { useCompletion, useListCount, useProjections, useRunningImports, type Completion } from './dashboard-api';

const DAY = 24 * 60 * 60 * 1000;

/** D2.1: a cycle's deadline is the end of December 31 of its last year; late reporting runs to January 31 after. */
export function deadlineOf(cycle: string): { deadline: Date; lateDeadline: Date } {
  const lastYear = Number(cycle.slice(5, 9));
  return { deadline: new Date(lastYear, 11, 31, 23, 59, 59), lateDeadline: new Date(lastYear + 1, 0, 31, 23, 59, 59) };
}

const dateWords = (date: Date) => date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });

export function DashboardPage() {
  const now = new Date();
  const cycle = cycleOf(now);
  return (
    <Page title="Dashboard">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Deadline cycle={cycle} now={now} />
        <CountCard title="Open audits" query={useListCount('/audits', { status: 'open' })} link={<Anchor component={Link} to="/audits">The audit queue</Anchor>} note="Every cycle, awaiting a close" />
        <CountCard title="Open appeals" query={useListCount('/appeals', { status: 'filed' })} link={<Anchor component={Link} to="/appeals">The appeals queue</Anchor>} note="Filed, not yet decided" />
        <RunningImports />
      </SimpleGrid>
      <CompletionPanel cycle={cycle} />
      <ProjectionsPanel />
    </Page>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap={4}>
        <Title order={2} size="h5">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Deadline({ cycle, now }: { cycle: string; now: Date }) {
  const { deadline, lateDeadline } = deadlineOf(cycle);
  const days = Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / DAY));
  return (
    <Card title="Days to the deadline">
      <Text fz={32} fw={700} lh={1.1}>
        {days.toLocaleString('en-US')}
      </Text>
      <Text size="sm">
        {days === 1 ? 'day' : 'days'} left in the {cycle} cycle: the deadline is {dateWords(deadline)}; late reporting closes {dateWords(lateDeadline)}.
      </Text>
    </Card>
  );
}

function CountCard({ title, query, link, note }: { title: string; query: { data?: number; isPending: boolean; error: unknown }; link: ReactNode; note: string }) {
  return (
    <Card title={title}>
      <QueryState loading={query.isPending} error={query.error}>
        <Text fz={32} fw={700} lh={1.1}>
          {(query.data ?? 0).toLocaleString('en-US')}
        </Text>
      </QueryState>
      <Text size="sm">{note}</Text>
      {link}
    </Card>
  );
}

function RunningImports() {
  const { data, isPending, error } = useRunningImports();
  return (
    <Card title="Running imports">
      <QueryState loading={isPending} error={error}>
        <Text fz={32} fw={700} lh={1.1}>
          {(data?.running ?? 0).toLocaleString('en-US')}
        </Text>
      </QueryState>
      <Text size="sm">
        Of the {data?.started ?? 0} started in this browser session: the API keeps no list of imports.
      </Text>
      <Anchor component={Link} to="/imports">
        Imports
      </Anchor>
    </Card>
  );
}

function CompletionPanel({ cycle }: { cycle: string }) {
  const { data, isPending, error } = useCompletion(cycle);
  return (
    <Paper withBorder p="md" component="section" aria-label={`Completion in ${cycle}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Completion in {cycle}, by certification and status
          </Title>
          <Anchor component={Link} to="/reports">
            Run a cycle-completion report for another date
          </Anchor>
        </Group>
        <QueryState loading={isPending} error={error}>
          {data && <CompletionBody completion={data} />}
        </QueryState>
      </Stack>
    </Paper>
  );
}

function CompletionBody({ completion }: { completion: Completion }) {
  if (completion.byCertification.length === 0) return <Text>No certificant has a status in {completion.cycle} yet.</Text>;
  const data = completion.byCertification.map((group) => ({ label: group.certification, ...group.counts }));
  const statuses = STATUSES.filter((status) => completion.byCertification.some((group) => (group.counts[status] ?? 0) > 0));
  return (
    <Stack gap="sm">
      <Text size="sm">
        {completion.certificants.toLocaleString('en-US')} certificants with a status in {completion.cycle}, as the read models know it now.
      </Text>
      <Bars
        label="Completion chart"
        chart={{
          data,
          series: statuses.map((status) => ({ name: status, label: STATUS_LABELS[status] ?? status, color: STATUS_COLORS[status] ?? 'gray.7' })),
          stacked: true,
          unit: 'certifications by status',
        }}
      />
      <Table.ScrollContainer minWidth={640} type="native">
        <Table withTableBorder striped aria-label="Completion by certification and status">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Certification</Table.Th>
              {statuses.map((status) => (
                <Table.Th scope="col" key={status} style={{ textAlign: 'right' }}>
                  {STATUS_LABELS[status]}
                </Table.Th>
              ))}
              <Table.Th scope="col" style={{ textAlign: 'right' }}>
                Complete of required
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {completion.byCertification.map((group) => (
              <Table.Tr key={group.certification}>
                <Table.Th scope="row">{group.certification}</Table.Th>
                {statuses.map((status) => (
                  <Table.Td key={status} style={{ textAlign: 'right' }}>
                    {(group.counts[status] ?? 0).toLocaleString('en-US')}
                  </Table.Td>
                ))}
                <Table.Td style={{ textAlign: 'right' }}>
                  {group.complete.toLocaleString('en-US')} of {group.required.toLocaleString('en-US')}
                  {group.required > 0 ? ` (${((group.complete / group.required) * 100).toFixed(1)}%)` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A projection is healthy when it runs, is near the head and has no parked stream. */
const healthy = (p: ProjectionStatus) => p.status === 'running' && p.parkedStreams === 0 && p.lag < 1_000;

function ProjectionsPanel() {
  const { data, isPending, error } = useProjections();
  const items = data?.items ?? [];
  const sick = items.filter((p) => !healthy(p));
  return (
    <Paper withBorder p="md" component="section" aria-label="Projection health">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={2} size="h4">
              Projection health
            </Title>
            {data && (
              <Badge color={sick.length === 0 ? TONES.good : TONES.bad} variant="filled">
                {sick.length === 0 ? 'All healthy' : `${sick.length} need attention`}
              </Badge>
            )}
          </Group>
          <Anchor component={Link} to="/operations">
            Operations
          </Anchor>
        </Group>
        <QueryState loading={isPending} error={error}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table withTableBorder striped aria-label="Projections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Projection</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Lag (events)
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    Parked streams
                  </Table.Th>
                  <Table.Th scope="col">Last error</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.name}>
                    <Table.Th scope="row">{p.name}</Table.Th>
                    <Table.Td>
                      <Badge color={healthy(p) ? TONES.good : p.status === 'running' ? TONES.warn : TONES.bad} variant="filled">
                        {p.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{p.lag.toLocaleString('en-US')}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{p.parkedStreams.toLocaleString('en-US')}</Table.Td>
                    <Table.Td>{p.lastError ? `${p.lastError}${p.lastErrorAt ? ` (${new Date(p.lastErrorAt).toLocaleString('en-US')})` : ''}` : 'None'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </QueryState>
      </Stack>
    </Paper>
  );
}
