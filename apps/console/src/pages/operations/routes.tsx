import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { OperationsPage } from './OperationsPage';

/** The operations pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [createRoute({ getParentRoute: () => appRoute, path: '/operations', component: OperationsPage })];
