import { Text } from '@mantine/core';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { Page } from '../../ui/Page';

function OperationsPage() {
  return (
    <Page title="Operations">
      <Text>This page is being built.</Text>
    </Page>
  );
}

/** The operations pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [createRoute({ getParentRoute: () => appRoute, path: '/operations', component: OperationsPage })];
