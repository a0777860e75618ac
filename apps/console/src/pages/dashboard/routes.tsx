import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { DashboardPage } from './DashboardPage';

/** The dashboard pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [createRoute({ getParentRoute: () => appRoute, path: '/', component: DashboardPage })];
