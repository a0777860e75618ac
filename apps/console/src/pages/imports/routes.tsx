import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { ImportPage } from './ImportPage';
import { ImportsPage } from './ImportsPage';

const importsRoute = createRoute({ getParentRoute: () => appRoute, path: '/imports', component: ImportsPage });

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports/$importId',
  component: function ImportRoute() {
    const { importId } = importRoute.useParams();
    return <ImportPage importId={importId} />;
  },
});

/** The imports pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [importsRoute, importRoute];
