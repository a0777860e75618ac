import { Anchor, Button } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Can } from '../../auth/session';
import { Page } from '../../ui/Page';
import { QueueSection, type QueueColumn, type QueueFilters } from '../../ui/QueuePage';
import { StatusBadge } from '../audits/shared';
import { FileAppealForm } from './FileAppealForm';
import { APPEAL_STATUSES, GROUND_LABELS, remedyText, type AppealQueueItem, type AppealStatus } from './types';

export type AppealQueueSearch = QueueFilters<AppealStatus>;

/** The queue names each certificant (the API joins the name), so no profile is read per row. */
const COLUMNS: QueueColumn<AppealQueueItem>[] = [
  { header: 'Certificant', cell: (appeal) => appeal.name ?? appeal.certificantId },
  { header: 'Cycle', cell: (appeal) => appeal.cycle },
  { header: 'Certification', cell: (appeal) => appeal.certification ?? '–' },
  { header: 'Grounds', cell: (appeal) => `${GROUND_LABELS[appeal.grounds] ?? appeal.grounds}${appeal.kind === 'accommodation' ? ' (accommodation)' : ''}` },
  { header: 'Filed on', cell: (appeal) => appeal.filedOn },
  { header: 'Documents', cell: (appeal) => appeal.documentsReceived },
  { header: 'Status', cell: (appeal) => <StatusBadge status={appeal.status} /> },
  { header: 'Decision', cell: (appeal) => (appeal.decidedOn ? `${remedyText(appeal.remedy)}, ${appeal.decidedOn}` : '–') },
  {
    header: 'Case',
    cell: (appeal) => (
      <Anchor component={Link} to={`/appeals/${appeal.appealId}`} aria-label={`Open case: ${appeal.name ?? appeal.certificantId}, ${appeal.cycle}`}>
        Open case
      </Anchor>
    ),
  },
];

export function AppealsPage({ search }: { search: AppealQueueSearch }) {
  const navigate = useNavigate();
  const [filing, setFiling] = useState(false);
  return (
    <Page
      title="Appeals"
      actions={
        !filing && (
          <Can roles={['staff', 'committee']}>
            <Button onClick={() => setFiling(true)}>File an appeal</Button>
          </Can>
        )
      }
    >
      {filing && <FileAppealForm onCancel={() => setFiling(false)} />}
      <QueueSection
        title="Appeals queue"
        resource="appeals"
        statuses={APPEAL_STATUSES}
        search={search}
        onFilter={(next) => void navigate({ to: '/appeals', search: { ...search, ...next } })}
        columns={COLUMNS}
        rowKey={(appeal) => appeal.appealId}
        empty="No appeals match these filters."
        minWidth={900}
      />
    </Page>
  );
}
