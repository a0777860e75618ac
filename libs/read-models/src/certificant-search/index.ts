export {
  CertificantSearchEntity,
  CertificantSearchTable1764300000000,
  certificantSearchProjection,
  projectCertificantSearch,
  searchTextOf,
  type CertificantSearchRow,
} from './certificant-search.projection';
