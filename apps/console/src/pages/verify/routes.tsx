import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../routes/root';
import { VerifyPage } from './VerifyPage';

function VerifyCodeRoute() {
  const { code } = verifyCodeRoute.useParams();
  const navigate = verifyCodeRoute.useNavigate();
  return <VerifyPage code={code} onVerify={(next) => void navigate({ to: '/verify/$code', params: { code: next } })} />;
}

function VerifyFormRoute() {
  const navigate = verifyFormRoute.useNavigate();
  return <VerifyPage code={null} onVerify={(next) => void navigate({ to: '/verify/$code', params: { code: next } })} />;
}

/** Public, no sign-in (api.md: GET /certificates/verify/:code is public). */
export const verifyCodeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify/$code', component: VerifyCodeRoute });
export const verifyFormRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify', component: VerifyFormRoute });

/** The verify pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [verifyFormRoute, verifyCodeRoute];
