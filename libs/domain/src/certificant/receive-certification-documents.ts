import { refuse } from '../shared/errors';
import {
  parseCertification,
  requireActiveAccount,
  type CertificantContext,
  type ReceiveCertificationDocuments,
} from './commands';
import type { CertificationDocumentsReceived } from './events';
import type { CertificantState } from './state';

/** D1.2: the initial documents take a certification from pending to held. */
export function receiveCertificationDocuments(
  command: ReceiveCertificationDocuments,
  state: CertificantState,
  context: CertificantContext,
): CertificationDocumentsReceived[] {
  requireActiveAccount(state, command.certificantId);
  const certification = parseCertification(command.certification);
  const held = state.certifications.find((existing) => existing.certification === certification);
  if (!held) {
    refuse('CERTIFICATION_NOT_EARNED', `${certification} has not been recorded as earned on this account.`, {
      certification,
    });
  }
  if (!held.pending) return [];
  if (command.documents.length === 0) {
    refuse('CERTIFICATION_DOCUMENTS_MISSING', 'Name the documents received (CPR/AED proof, transcript).');
  }
  return [
    {
      type: 'CertificationDocumentsReceived',
      data: {
        certificantId: command.certificantId,
        certification,
        documents: command.documents,
        receivedOn: command.receivedOn ?? context.today,
      },
    },
  ];
}
