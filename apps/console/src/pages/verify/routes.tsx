import { Text } from '@mantine/core';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../routes/root';
import { Page } from '../../ui/Page';

function VerifyPage() {
  return (
    <Page title="Verify a certificate">
      <Text>This page is being built.</Text>
    </Page>
  );
}

/** The verify pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [createRoute({ getParentRoute: () => rootRoute, path: '/verify/$code', component: VerifyPage })];
