import type { BusinessDate, Certification, CycleName } from '../shared/types';

/** Stream `certificate-<certificantId>-<cycle>-<certification>`: once per certification and cycle (D7.2). */
export const certificateStream = (certificantId: string, cycle: CycleName, certification: Certification) =>
  `certificate-${certificantId}-${cycle}-${certification}`;

export type CertificateIssued = {
  type: 'CertificateIssued';
  data: {
    certificateId: string;
    certificantId: string;
    cycle: CycleName;
    certification: Certification;
    issuedOn: BusinessDate;
    /** D4.7: the end of the next cycle. */
    validThrough: BusinessDate;
    /** D7.2: anyone can check it at GET /certificates/verify/:code. */
    verificationCode: string;
    /** D8.1: shown during the next cycle, e.g. "CSCS,*D". */
    withDistinction: boolean;
  };
};

export type CertificateEvent = CertificateIssued;

export const CERTIFICATE_EVENT_VERSIONS: Record<CertificateEvent['type'], number> = { CertificateIssued: 1 };
