import type { Decider } from '../shared/decider';
import type { CertificantCommand, CertificantContext } from './commands';
import { earnCertification } from './earn-certification';
import type { CertificantEvent } from './events';
import { mergeAccounts } from './merge-accounts';
import { passExam } from './pass-exam';
import { receiveCertificationDocuments } from './receive-certification-documents';
import { recordCprAed } from './record-cpr-aed';
import { registerCertificant } from './register-certificant';
import { evolveCertificant, initialCertificantState, type CertificantState } from './state';

export const certificantDecider: Decider<CertificantCommand, CertificantEvent, CertificantState, CertificantContext> = {
  initialState: initialCertificantState,
  evolve: evolveCertificant,
  decide(command, state, context): CertificantEvent[] {
    switch (command.type) {
      case 'RegisterCertificant':
        return registerCertificant(command, state, context);
      case 'EarnCertification':
        return earnCertification(command, state, context);
      case 'ReceiveCertificationDocuments':
        return receiveCertificationDocuments(command, state, context);
      case 'RecordCprAed':
        return recordCprAed(command, state, context);
      case 'MergeAccounts':
        return mergeAccounts(command, state, context);
      case 'PassExam':
        return passExam(command, state, context);
    }
  },
};
