import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { AuditCasePage } from './AuditCasePage';
import { AuditsPage, type AuditQueueSearch } from './AuditsPage';
import { AUDIT_STATUSES, type AuditStatus } from './types';

const auditsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audits',
  validateSearch: (search: Record<string, unknown>): AuditQueueSearch => ({
    ...(AUDIT_STATUSES.includes(search.status as AuditStatus) ? { status: search.status as AuditStatus } : {}),
    ...(typeof search.cycle === 'string' && /^\d{4}-\d{4}$/.test(search.cycle) ? { cycle: search.cycle } : {}),
  }),
  component: function AuditsRoute() {
    return <AuditsPage search={auditsRoute.useSearch()} />;
  },
});

const auditCaseRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audits/$auditId',
  component: function AuditCaseRoute() {
    const { auditId } = auditCaseRoute.useParams();
    return <AuditCasePage key={auditId} auditId={auditId} />;
  },
});

/** The audits pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [auditsRoute, auditCaseRoute];
