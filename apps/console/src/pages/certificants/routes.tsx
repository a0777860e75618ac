import { Text } from '@mantine/core';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { Page } from '../../ui/Page';

function CertificantsPage() {
  return (
    <Page title="Certificants">
      <Text>This page is being built.</Text>
    </Page>
  );
}

/** The certificants pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [createRoute({ getParentRoute: () => appRoute, path: '/certificants', component: CertificantsPage })];
