import { createRouter } from '@tanstack/react-router';
import { routes as appeals } from './pages/appeals/routes';
import { routes as audits } from './pages/audits/routes';
import { routes as certificants } from './pages/certificants/routes';
import { routes as certificates } from './pages/certificates/routes';
import { routes as dashboard } from './pages/dashboard/routes';
import { routes as imports } from './pages/imports/routes';
import { routes as operations } from './pages/operations/routes';
import { routes as reports } from './pages/reports/routes';
import { signInRoute } from './pages/sign-in/SignInPage';
import { routes as verify } from './pages/verify/routes';
import { appRoute, rootRoute } from './routes/root';

const tree = rootRoute.addChildren([
  signInRoute,
  ...verify,
  appRoute.addChildren([...dashboard, ...certificants, ...imports, ...audits, ...appeals, ...certificates, ...reports, ...operations]),
]);

export const router = createRouter({ routeTree: tree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
