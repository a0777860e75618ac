export {
  CertificateReadinessTables1764100000002,
  ReadinessCertificantEntity,
  ReadinessCycleEntity,
  certificateReadinessProjection,
  cycleStreamKey,
  projectReadinessCertificant,
  projectReadinessCycle,
  type ReadinessCertificantRow,
  type ReadinessCycleRow,
} from './certificate-readiness.projection';
