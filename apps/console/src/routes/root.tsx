import { Center, Loader } from '@mantine/core';
import { createRootRoute, createRoute, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useSession } from '../auth/session';
import { Shell } from '../layout/Shell';

/**
 * The route tree's trunk. Pages hang their routes under `appRoute` (signed in, inside the shell)
 * or `rootRoute` (public: sign-in, certificate verification); apps/console/src/router.tsx joins them.
 */
export const rootRoute = createRootRoute({ component: Outlet });

function SignedIn() {
  const { staff, loading } = useSession();
  const navigate = useNavigate();
  const href = useRouterState({ select: (state) => state.location.href });
  const signedOut = !loading && !staff;
  useEffect(() => {
    // Once, when the session is found missing: to the sign-in page, coming back here after (href as it is then).
    if (signedOut) void navigate({ to: '/sign-in', search: { redirect: href }, replace: true });
  }, [signedOut, navigate]);
  if (loading || !staff) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: SignedIn });
