import { certificantRoute } from './CertificantPage';
import { certificantsRoute } from './CertificantsListPage';

/** The certificants pages' routes; apps/console/src/router.tsx adds them to the tree. */
export const routes = [certificantsRoute, certificantRoute];
