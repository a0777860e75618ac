import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useSession } from '../../auth/session';
import { Page } from '../../ui/Page';
import { ProjectionsPanel } from './ProjectionsPanel';
import { StaffPanel } from './StaffPanel';

/** Issue 6.9, admin only: projections with lag, parked streams and rebuilds; staff accounts; the queue dashboard. */
export function OperationsPage() {
  const { can } = useSession();
  if (!can('admin')) {
    return (
      <Page title="Operations">
        <Alert color="red" title="Not allowed" role="alert">
          Operations are for admins: projections, rebuilds and staff accounts. Ask an admin if you need something here.
        </Alert>
      </Page>
    );
  }
  return (
    <Page
      title="Operations"
      actions={
        // A server page, not a console route: a plain link.
        <Anchor href="/admin/queues">Queue dashboard</Anchor>
      }
    >
      <Text>Read models and their progress through the event store, refreshed every few seconds; who may use the console.</Text>
      <Stack gap="xl">
        <ProjectionsPanel />
        <StaffPanel />
      </Stack>
    </Page>
  );
}
