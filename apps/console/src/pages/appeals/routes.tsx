import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { AppealCasePage } from './AppealCasePage';
import { AppealsPage, type AppealQueueSearch } from './AppealsPage';
import { APPEAL_STATUSES, type AppealStatus } from './types';

const appealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/appeals',
  validateSearch: (search: Record<string, unknown>): AppealQueueSearch => ({
    ...(APPEAL_STATUSES.includes(search.status as AppealStatus) ? { status: search.status as AppealStatus } : {}),
    ...(typeof search.cycle === 'string' && /^\d{4}-\d{4}$/.test(search.cycle) ? { cycle: search.cycle } : {}),
  }),
  component: function AppealsRoute() {
    return <AppealsPage search={appealsRoute.useSearch()} />;
  },
});

const appealCaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/appeals/$appealId',
  component: function AppealCaseRoute() {
    const { appealId } = appealCaseRoute.useParams();
    return <AppealCasePage key={appealId} appealId={appealId} />;
  },
});

/** The appeals pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [appealsRoute, appealCaseRoute];
