import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../../routes/root';
import { CertificatesPage } from './CertificatesPage';
import { issuingCycle } from './certificates-api';

export interface CertificatesSearch {
  /** The cycle shown (default: the one being issued, see issuingCycle). */
  cycle?: string;
  /** The issuance run being watched, kept in the address so a reload keeps following it. */
  run?: string;
}

function CertificatesRoute() {
  const search = certificatesRoute.useSearch();
  const navigate = certificatesRoute.useNavigate();
  return (
    <CertificatesPage
      cycle={search.cycle ?? issuingCycle()}
      run={search.run ?? null}
      onChange={(next) => void navigate({ search: (previous) => ({ ...previous, ...next }), replace: true })}
    />
  );
}

export const certificatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/certificates',
  validateSearch: (search: Record<string, unknown>): CertificatesSearch => ({
    ...(typeof search.cycle === 'string' && /^\d{4}-\d{4}$/.test(search.cycle) ? { cycle: search.cycle } : {}),
    ...(typeof search.run === 'string' ? { run: search.run } : {}),
  }),
  component: CertificatesRoute,
});

/** The certificates pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [certificatesRoute];
