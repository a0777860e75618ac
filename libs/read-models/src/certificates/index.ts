export { CertificateEntity, CertificatesTable1764500000000, certificatesProjection, projectCertificate, type CertificateRow } from './certificates.projection';
