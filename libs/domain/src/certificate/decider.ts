import type { Decider } from '../shared/decider';
import { evolveCertificate, initialCertificateState, type CertificateCommand, type CertificateContext, type CertificateState } from './certificate';
import type { CertificateEvent } from './events';
import { issueCertificate } from './issue-certificate';

export const certificateDecider: Decider<CertificateCommand, CertificateEvent, CertificateState, CertificateContext> = {
  initialState: initialCertificateState,
  evolve: evolveCertificate,
  decide(command, state, context): CertificateEvent[] {
    switch (command.type) {
      case 'IssueCertificate':
        return issueCertificate(command, state, context);
    }
  },
};
