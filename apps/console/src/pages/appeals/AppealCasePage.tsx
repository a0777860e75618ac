import { Alert, Anchor, Blockquote, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client';
import { Can, useSession } from '../../auth/session';
import { Page, QueryState } from '../../ui/Page';
import { CertificantLink, Fact, StatusBadge, useCertificantName } from '../audits/shared';
import { AppealDocumentForm } from './AppealDocumentForm';
import { DecisionForm } from './DecisionForm';
import { GROUND_LABELS, remedyText, type AppealCase, type AppealedDecision } from './types';

export function AppealCasePage({ appealId }: { appealId: string }) {
  const appeal = useQuery({
    queryKey: ['appeals', 'case', appealId],
    queryFn: () => api.get<AppealCase>(`/appeals/${appealId}`),
  });
  const name = useCertificantName(appeal.data?.certificantId);
  return (
    <Page
      title={appeal.data ? `Appeal of ${name}` : 'Appeal case'}
      actions={
        <Anchor component={Link} to="/appeals">
          Back to the appeals queue
        </Anchor>
      }
    >
      <QueryState loading={appeal.isPending} error={appeal.error}>
        {appeal.data && <AppealCaseView appeal={appeal.data} />}
      </QueryState>
    </Page>
  );
}

function AppealCaseView({ appeal }: { appeal: AppealCase }) {
  const { staff } = useSession();
  const { grounds, kind, filedOn } = appeal;
  const who = (id: string) => (id === staff?.id ? 'you' : id === 'system' ? 'the system' : `staff member ${id.slice(0, 8)}`);
  const filed = appeal.status === 'filed';

  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Certificant">
            <CertificantLink certificantId={appeal.certificantId} />
          </Fact>
          <Fact label="Cycle">{appeal.cycle}</Fact>
          <Fact label="Certification">{appeal.certification ?? 'Not named'}</Fact>
          <Fact label="Status">
            <StatusBadge status={appeal.status} />
          </Fact>
          <Fact label="Grounds">{`${GROUND_LABELS[grounds] ?? grounds}${kind === 'accommodation' ? ' (accommodation request)' : ''}`}</Fact>
          <Fact label="Filed on">{filedOn}</Fact>
          <Fact label="Decision appealed against">{appeal.appealedDecision ? <AppealedDecisionText decision={appeal.appealedDecision} who={who} /> : 'None recorded'}</Fact>
        </SimpleGrid>
        {appeal.statement && (
          <Stack gap={2} mt="md">
            <Text size="sm" fw={700}>
              Statement
            </Text>
            <Blockquote p="sm">{appeal.statement}</Blockquote>
          </Stack>
        )}
      </Paper>

      {appeal.decision && (
        <Alert variant="outline" color={appeal.decision.decision === 'granted' ? 'teal.9' : 'red.9'} title={`Decision: ${appeal.decision.decision}`} role="status">
          <Stack gap={4}>
            <Text size="sm">
              {appeal.decision.decision === 'granted' ? `${remedyText(appeal.decision.remedy)}.` : 'The certification stays expired.'} Decided on {appeal.decision.decidedOn} by{' '}
              {who(appeal.decision.decidedBy)}.
            </Text>
            <Text size="sm">Rationale: {appeal.decision.rationale}</Text>
          </Stack>
        </Alert>
      )}

      <Stack gap="xs" component="section" aria-labelledby="appeal-documents-title">
        <Title order={2} size="h4" id="appeal-documents-title">
          Documents
        </Title>
        {appeal.documents.length === 0 ? (
          <Text>No documents yet.</Text>
        ) : (
          <Table withTableBorder striped aria-labelledby="appeal-documents-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Filed at</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {appeal.documents.map((document) => (
                <Table.Tr key={`${document.kind}|${document.reference}`}>
                  <Table.Td>{document.kind}</Table.Td>
                  <Table.Td>{document.reference}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {filed && (
          <Can roles={['staff', 'committee']}>
            <AppealDocumentForm appealId={appeal.appealId} />
          </Can>
        )}
      </Stack>

      {filed && (
        <Can roles={['committee']}>
          <DecisionForm appeal={appeal} />
        </Can>
      )}
    </Stack>
  );
}

function AppealedDecisionText({ decision, who }: { decision: AppealedDecision; who: (id: string) => string }) {
  const by = `, by ${who(decision.decidedBy)}`;
  if (decision.kind === 'audit') {
    return (
      <Text size="sm">
        <Anchor component={Link} to={`/audits/${decision.reference}`}>
          The audit
        </Anchor>
        {by}
      </Text>
    );
  }
  return (
    <Text size="sm">
      {decision.kind === 'activity-disallowed' ? `Activity ${decision.reference} disallowed` : 'The expiry of the certification'}
      {by}
    </Text>
  );
}

