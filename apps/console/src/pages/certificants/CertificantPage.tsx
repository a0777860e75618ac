import { Alert, Badge, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { createRoute, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Can } from '../../auth/session';
import { appRoute } from '../../routes/root';
import { Page, QueryState } from '../../ui/Page';
import { DocumentsReceivedForm, EarnCertificationForm, RecordCprAedForm, RecordFeeForm } from './AccountForms';
import { CertificantLink } from './CertificantLink';
import { CycleStatusView } from './CycleSection';
import { HistorySection } from './HistorySection';
import { MergeForm } from './MergeForm';
import type { CertificantProfile } from './model';
import { ModalButton } from './ModalButton';
import { PathLink } from './PathLink';
import { useAppeals, useCycleStatus, useProfile } from './reads';
import { ReportActivityForm } from './ReportActivityForm';

export const certificantRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certificants/$certificantId',
  validateSearch: (search: Record<string, unknown>): { cycle?: string } => (typeof search.cycle === 'string' && search.cycle ? { cycle: search.cycle } : {}),
  component: CertificantPage,
});

function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {actions && <Group gap="xs">{actions}</Group>}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

function CertificantPage() {
  const { certificantId } = certificantRoute.useParams();
  const profile = useProfile(certificantId);
  const title = profile.data?.name ?? (profile.isPending ? 'Certificant' : 'Certificant not found');
  return (
    <Page title={title}>
      <QueryState loading={profile.isPending} error={profile.error}>
        {profile.data && <CertificantDetails profile={profile.data} />}
      </QueryState>
    </Page>
  );
}

function CertificantDetails({ profile }: { profile: CertificantProfile }) {
  const { cycle: chosen } = certificantRoute.useSearch();
  const navigate = useNavigate({ from: '/certificants/$certificantId' });
  const id = profile.certificantId;
  const current = profile.cycles.find((c) => c.current)?.cycle;
  const cycleNames = profile.cycles.map((c) => c.cycle).reverse();
  const cycle = chosen && cycleNames.includes(chosen) ? chosen : (current ?? cycleNames[0]);
  const status = useCycleStatus(id, cycle);
  const appeals = useAppeals(id, cycle, [id, ...profile.mergedAccounts]);
  const merged = profile.status === 'merged';
  const name = profile.name ?? id;

  return (
    <Stack gap="md">
      {merged && profile.mergedInto && (
        <Alert color="orange" title="Merged account">
          This account was merged into <CertificantLink certificantId={profile.mergedInto}>another account</CertificantLink> and takes no more commands.
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Section title="Profile">
          <Table variant="vertical" aria-label="Profile" style={{ overflowWrap: 'anywhere' }}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={110}>Name</Table.Th>
                <Table.Td>{profile.name ?? '–'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Td>{profile.email ?? '–'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Member ID</Table.Th>
                <Table.Td>{profile.memberId ?? '–'}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Registered</Table.Th>
                <Table.Td>{profile.registeredOn ?? '–'}</Table.Td>
              </Table.Tr>
              {profile.mergedAccounts.length > 0 && (
                <Table.Tr>
                  <Table.Th>Merged in</Table.Th>
                  <Table.Td>
                    {profile.mergedAccounts.length} duplicate account
                    {profile.mergedAccounts.length > 1 ? 's' : ''}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {!merged && (
            <Can roles={['staff']}>
              <Group>
                <ModalButton label="Merge a duplicate" title={`Merge a duplicate account into ${name}`} size="lg">
                  {(close) => <MergeForm certificantId={id} name={name} onClose={close} />}
                </ModalButton>
              </Group>
            </Can>
          )}
        </Section>

        <Section
          title="Certifications"
          actions={
            !merged && (
              <Can roles={['staff']}>
                <ModalButton label="Add certification" title="Add a certification earned" buttonProps={{ size: 'xs' }}>
                  {(close) => <EarnCertificationForm certificantId={id} onClose={close} />}
                </ModalButton>
              </Can>
            )
          }
        >
          {profile.certifications.length === 0 ? (
            <Text>No certification held yet.</Text>
          ) : (
            <Table aria-label="Certifications held">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Certification</Table.Th>
                  <Table.Th>Earned</Table.Th>
                  <Table.Th>Documents</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {profile.certifications.map((held) => (
                  <Table.Tr key={held.certification}>
                    <Table.Td>{held.certification}</Table.Td>
                    <Table.Td>{held.earnedOn}</Table.Td>
                    <Table.Td>
                      {held.pending ? (
                        <Group gap="xs">
                          <Badge color="orange" variant="dot" style={{ textTransform: 'none' }}>
                            Pending
                          </Badge>
                          {!merged && (
                            <Can roles={['staff']}>
                              <ModalButton
                                label="Record"
                                title={`Documents received for ${held.certification}`}
                                buttonProps={{
                                  size: 'xs',
                                  'aria-label': `Record documents for ${held.certification}`,
                                }}
                              >
                                {(close) => <DocumentsReceivedForm certificantId={id} certification={held.certification} onClose={close} />}
                              </ModalButton>
                            </Can>
                          )}
                        </Group>
                      ) : (
                        'Received'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {profile.examsPassed.length > 0 && <Text size="sm">Exams passed again: {profile.examsPassed.map((exam) => `${exam.certification} on ${exam.passedOn}`).join(', ')}</Text>}
        </Section>

        <Section
          title="CPR/AED"
          actions={
            !merged && (
              <Can roles={['staff']}>
                <ModalButton label="Record CPR/AED" title="Record a CPR/AED card" buttonProps={{ size: 'xs' }}>
                  {(close) => <RecordCprAedForm certificantId={id} onClose={close} />}
                </ModalButton>
              </Can>
            )
          }
        >
          <Text fw={500}>{profile.cprAed.current ? 'Current' : 'Not current'}</Text>
          {profile.cprAed.cards.length === 0 ? (
            <Text size="sm">No card recorded.</Text>
          ) : (
            <List size="sm">
              {profile.cprAed.cards.map((card) => (
                <List.Item key={`${card.provider}-${card.completedOn}`}>
                  {card.provider}: {card.completedOn} to {card.expiresOn}
                  {card.deliveredOnline ? ', online' : ', in person'}
                  {card.coversAdult ? ', adult' : ', no adult'}
                  {card.skillsEvaluation ? ', skills evaluated' : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </SimpleGrid>

      <Section
        title="Cycle status"
        actions={
          <>
            <Select
              label="Cycle"
              data={cycleNames.map((name) => ({
                value: name,
                label: name === current ? `${name} (current)` : name,
              }))}
              value={cycle ?? null}
              onChange={(value) => value && void navigate({ search: { cycle: value }, replace: true })}
              allowDeselect={false}
              w={200}
            />
            {!merged && cycle && (
              <Can roles={['staff']}>
                <Group gap="xs" mt={24}>
                  <ModalButton label="Report activity" title={`Report an activity for ${name}`} size="lg" buttonProps={{ variant: 'filled' }}>
                    {(close) => <ReportActivityForm certificantId={id} cycle={cycle} onClose={close} />}
                  </ModalButton>
                  <ModalButton label="Record fee" title={`Record a fee for ${cycle}`} buttonProps={{ disabled: !status.data }}>
                    {(close) => <RecordFeeForm certificantId={id} cycle={cycle} certifications={status.data?.certifications ?? []} onClose={close} />}
                  </ModalButton>
                </Group>
              </Can>
            )}
          </>
        }
      >
        <QueryState loading={status.isPending} error={status.error}>
          {status.data && <CycleStatusView status={status.data} certificantId={id} />}
        </QueryState>
        <Title order={3} size="h4">
          Audit and appeals
        </Title>
        <Stack gap={4}>
          {status.data?.audit ? (
            <Text size="sm">
              Selected for audit
              {status.data.audit.selectedOn ? ` on ${status.data.audit.selectedOn}` : ''}: {status.data.audit.status}.{' '}
              {status.data.audit.auditId && <PathLink href={`/audits/${encodeURIComponent(status.data.audit.auditId)}`}>Open the audit</PathLink>}
            </Text>
          ) : (
            <Text size="sm">Not selected for audit in {cycle}.</Text>
          )}
          {appeals.data && appeals.data.length > 0 ? (
            appeals.data.map((appeal) => (
              <Text size="sm" key={appeal.appealId}>
                Appeal filed {appeal.filedOn} on grounds of {appeal.grounds}
                {appeal.certification ? ` (${appeal.certification})` : ''}: {appeal.status}.{' '}
                <PathLink href={`/appeals/${encodeURIComponent(appeal.appealId)}`}>Open the appeal</PathLink>
              </Text>
            ))
          ) : (
            <Text size="sm">{appeals.isPending ? 'Looking for appeals…' : `No appeal for ${cycle}.`}</Text>
          )}
        </Stack>
      </Section>

      <Section title="Event timeline">
        <HistorySection certificantId={id} />
      </Section>
    </Stack>
  );
}
