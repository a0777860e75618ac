import { Alert, Anchor, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api } from '../../api/client';
import { Can } from '../../auth/session';
import { ceus } from '../../lib/cycles';
import { Page, QueryState } from '../../ui/Page';
import { CloseAuditForm } from './CloseAuditForm';
import { DocumentForm } from './DocumentForm';
import { CertificantLink, Fact, StatusBadge, useCertificantName } from './shared';
import { CPR_AED_KIND, type AuditCase, type CloseAnswer } from './types';
import { VerdictCell } from './VerdictCell';

export const auditCaseKey = (auditId: string) => ['audits', 'case', auditId];

export function AuditCasePage({ auditId }: { auditId: string }) {
  const audit = useQuery({
    queryKey: auditCaseKey(auditId),
    queryFn: () => api.get<AuditCase>(`/audits/${auditId}`),
  });
  const name = useCertificantName(audit.data?.certificantId);
  const [closed, setClosed] = useState<CloseAnswer | null>(null);
  const title = audit.data ? `Audit of ${name}` : 'Audit case';

  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} to="/audits">
          Back to the audit queue
        </Anchor>
      }
    >
      <QueryState loading={audit.isPending} error={audit.error}>
        {audit.data && <AuditCaseView audit={audit.data} closed={closed} onClosed={setClosed} />}
      </QueryState>
    </Page>
  );
}

function AuditCaseView({ audit, closed, onClosed }: { audit: AuditCase; closed: CloseAnswer | null; onClosed: (answer: CloseAnswer) => void }) {
  const open = audit.status === 'open';
  const cprAedReceived = audit.documents.some((document) => document.kind === CPR_AED_KIND);
  const undecided = audit.activities.filter((activity) => activity.documentsRequested && !activity.verdict).length;
  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Certificant">
            <CertificantLink certificantId={audit.certificantId} />
          </Fact>
          <Fact label="Cycle">{audit.cycle}</Fact>
          <Fact label="Status">
            <StatusBadge status={audit.status} />
          </Fact>
          <Fact label="Selected on">{audit.selectedOn}</Fact>
          <Fact label="Documents due by">{audit.respondBy}</Fact>
          <Fact label="CPR/AED card">{audit.cprAedRequested ? (cprAedReceived ? 'Asked for, received' : 'Asked for, not received yet') : 'Not asked for'}</Fact>
        </SimpleGrid>
      </Paper>

      {closed ? (
        <Outcome outcome={closed.outcome} reasons={closed.reasons} live />
      ) : (
        audit.status !== 'open' && <Outcome outcome={audit.status} reasons={audit.closeReasons} closedOn={audit.closedOn} />
      )}

      <Stack gap="xs" component="section" aria-labelledby="activities-title">
        <Title order={2} size="h4" id="activities-title">
          Activities under audit
        </Title>
        {audit.activities.length === 0 ? (
          <Text>No activities are under this audit.</Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table withTableBorder striped aria-labelledby="activities-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Activity</Table.Th>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Category</Table.Th>
                  <Table.Th scope="col">CEUs</Table.Th>
                  <Table.Th scope="col">Documents</Table.Th>
                  <Table.Th scope="col">Verdict</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.activities.map((activity) => (
                  <Table.Tr key={activity.activityId}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {activity.title}
                      </Text>
                      <Text size="xs">{activity.activityType}</Text>
                    </Table.Td>
                    <Table.Td>{activity.activityDate}</Table.Td>
                    <Table.Td>{activity.category}</Table.Td>
                    <Table.Td>{ceus(activity.ceus)}</Table.Td>
                    <Table.Td>
                      {!activity.documentsRequested ? (
                        <Text size="sm">None needed: recorded by the body</Text>
                      ) : activity.documents.length === 0 ? (
                        <Text size="sm">Asked for, none received</Text>
                      ) : (
                        <List size="sm">
                          {activity.documents.map((document) => (
                            <List.Item key={`${document.kind}|${document.reference}`}>
                              {document.kind} ({document.reference}), {document.receivedOn}
                            </List.Item>
                          ))}
                        </List>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <VerdictCell audit={audit} activity={activity} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="documents-title">
        <Title order={2} size="h4" id="documents-title">
          Documents received
        </Title>
        {audit.documents.length === 0 ? (
          <Text>Nothing has arrived yet.</Text>
        ) : (
          <Table withTableBorder striped aria-labelledby="documents-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">For</Table.Th>
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Filed at</Table.Th>
                <Table.Th scope="col">Received on</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.documents.map((document) => (
                <Table.Tr key={`${document.activityId ?? ''}|${document.kind}|${document.reference}`}>
                  <Table.Td>
                    {document.activityId
                      ? (audit.activities.find((activity) => activity.activityId === document.activityId)?.title ?? document.activityId)
                      : document.kind === CPR_AED_KIND
                        ? 'CPR/AED card'
                        : 'The audit'}
                  </Table.Td>
                  <Table.Td>{document.kind}</Table.Td>
                  <Table.Td>{document.reference}</Table.Td>
                  <Table.Td>{document.receivedOn}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {open && (
          <Can roles={['auditor']}>
            <DocumentForm audit={audit} />
          </Can>
        )}
      </Stack>

      {open && (
        <Can roles={['auditor']}>
          <CloseAuditForm audit={audit} undecided={undecided} onClosed={onClosed} />
        </Can>
      )}
    </Stack>
  );
}

/** D5.4: the outcome and why; `live` announces it (just closed here), a reload shows it plainly. */
function Outcome({ outcome, reasons, closedOn, live = false }: { outcome: 'passed' | 'failed'; reasons: CloseAnswer['reasons']; closedOn?: string | null; live?: boolean }) {
  const passed = outcome === 'passed';
  const on = closedOn ? ` Closed on ${closedOn}.` : '';
  return (
    <Alert variant="outline" color={passed ? 'teal.9' : 'red.9'} title={`Outcome: ${outcome}`} role={live ? 'status' : undefined}>
      <Stack gap={4}>
        <Text size="sm">{passed ? `The audit passed: the certificant stays recertified.${on}` : `The audit failed: the certificant is not recertified (D5.4).${on}`}</Text>
        {reasons.length > 0 && (
          <List size="sm" aria-label="Why">
            {reasons.map((reason) => (
              <List.Item key={reason.code}>{reason.message}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
