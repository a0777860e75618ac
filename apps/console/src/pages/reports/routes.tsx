import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { ReportsPage } from './ReportsPage';

const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: (search: Record<string, unknown>): { report?: string } => (typeof search.report === 'string' && search.report ? { report: search.report } : {}),
  component: function ReportsRoute() {
    const { report } = reportsRoute.useSearch();
    return <ReportsPage reportId={report} />;
  },
});

/** The reports pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [reportsRoute];
