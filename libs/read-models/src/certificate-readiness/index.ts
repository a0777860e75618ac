export { CertificateReadinessTables1764100000002, DropCertificateReadinessTables1764600000001 } from './certificate-readiness.migrations';
