import { deciderSpec } from '../testing/given-when-then';
import { staffContext } from '../testing/fixtures';
import { certificantDecider } from './decider';
import type { CertificantEvent, CertificantRegistered, CertificationDocumentsReceived, CertificationEarned } from './events';

export const expectCertificant = deciderSpec(certificantDecider, staffContext);

export const registered = (certificantId = 'c-1'): CertificantRegistered => ({
  type: 'CertificantRegistered',
  data: { certificantId, firstName: 'Ana', lastName: 'Reyes', email: 'ana@example.org', memberId: null, registeredOn: '2024-01-10' },
});

export const earned = (certification: CertificationEarned['data']['certification'], earnedOn: string, certificantId = 'c-1'): CertificationEarned => ({
  type: 'CertificationEarned',
  data: { certificantId, certification, earnedOn, recordedOn: '2025-03-01' },
});

export const documentsReceived = (
  certification: CertificationDocumentsReceived['data']['certification'],
  certificantId = 'c-1',
): CertificationDocumentsReceived => ({
  type: 'CertificationDocumentsReceived',
  data: { certificantId, certification, documents: ['cpr-aed'], receivedOn: '2025-03-01' },
});

export const holding = (certification: CertificationEarned['data']['certification'], earnedOn: string, certificantId = 'c-1'): CertificantEvent[] => [
  earned(certification, earnedOn, certificantId),
  documentsReceived(certification, certificantId),
];
