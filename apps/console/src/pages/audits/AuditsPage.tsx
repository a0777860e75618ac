import { Anchor } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { Can } from '../../auth/session';
import { Page } from '../../ui/Page';
import { QueueSection, type QueueColumn, type QueueFilters } from '../../ui/QueuePage';
import { DrawForm } from './DrawForm';
import { StatusBadge } from './shared';
import { AUDIT_STATUSES, type AuditQueueItem, type AuditStatus } from './types';

export type AuditQueueSearch = QueueFilters<AuditStatus>;

/** The queue names each certificant (the API joins the name), so no profile is read per row. */
const COLUMNS: QueueColumn<AuditQueueItem>[] = [
  { header: 'Certificant', cell: (audit) => audit.name ?? audit.certificantId },
  { header: 'Cycle', cell: (audit) => audit.cycle },
  { header: 'Status', cell: (audit) => <StatusBadge status={audit.status} /> },
  { header: 'Selected on', cell: (audit) => audit.selectedOn },
  { header: 'Respond by', cell: (audit) => audit.respondBy },
  { header: 'Documents received', cell: (audit) => `${audit.documentsReceived} of ${audit.documentsRequested + (audit.cprAedRequested ? 1 : 0)} asked` },
  { header: 'Verdicts', cell: (audit) => `${audit.accepted} accepted, ${audit.rejected} rejected` },
  {
    header: 'Case',
    cell: (audit) => (
      <Anchor component={Link} to={`/audits/${audit.auditId}`} aria-label={`Open case: ${audit.name ?? audit.certificantId}, ${audit.cycle}`}>
        Open case
      </Anchor>
    ),
  },
];

export function AuditsPage({ search }: { search: AuditQueueSearch }) {
  const navigate = useNavigate();
  return (
    <Page title="Audits">
      <Can roles={['auditor']}>
        <DrawForm />
      </Can>
      <QueueSection
        title="Audit queue"
        resource="audits"
        statuses={AUDIT_STATUSES}
        search={search}
        onFilter={(next) => void navigate({ to: '/audits', search: { ...search, ...next } })}
        columns={COLUMNS}
        rowKey={(audit) => audit.auditId}
        empty="No audits match these filters."
      />
    </Page>
  );
}
