import { Center, Loader } from '@mantine/core';
import { createRootRoute, createRoute, Navigate, Outlet, useLocation } from '@tanstack/react-router';
import { useSession } from '../auth/session';
import { Shell } from '../layout/Shell';

/**
 * The route tree's trunk. Pages hang their routes under `appRoute` (signed in, inside the shell)
 * or `rootRoute` (public: sign-in, certificate verification); apps/console/src/router.tsx joins them.
 */
export const rootRoute = createRootRoute({ component: Outlet });

function SignedIn() {
  const { staff, loading } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (!staff) return <Navigate to="/sign-in" search={{ redirect: location.href }} replace />;
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: SignedIn });
