import type { DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import { CERTIFICATIONS, type BusinessDate, type Certification } from '../shared/types';
import type { CertificantState } from './state';

export type RegisterCertificant = {
  type: 'RegisterCertificant';
  certificantId: string;
  firstName: string;
  lastName: string;
  email: string;
  memberId?: string | null;
  registeredOn?: BusinessDate;
};
export type EarnCertification = {
  type: 'EarnCertification';
  certificantId: string;
  certification: string;
  earnedOn: BusinessDate;
};
export type ReceiveCertificationDocuments = {
  type: 'ReceiveCertificationDocuments';
  certificantId: string;
  certification: string;
  documents: string[];
  receivedOn?: BusinessDate;
};
export type RecordCprAed = {
  type: 'RecordCprAed';
  certificantId: string;
  provider: string;
  completedOn: BusinessDate;
  expiresOn: BusinessDate;
  coversAdult: boolean;
  skillsEvaluation: boolean;
  deliveredOnline: boolean;
};
/** Decided on both streams, the survivor's and the duplicate's (D1.3). */
export type MergeAccounts = {
  type: 'MergeAccounts';
  survivorId: string;
  duplicateId: string;
  mergedOn?: BusinessDate;
};
export type PassExam = {
  type: 'PassExam';
  certificantId: string;
  certification: string;
  passedOn: BusinessDate;
};

export type CertificantCommand =
  | RegisterCertificant
  | EarnCertification
  | ReceiveCertificationDocuments
  | RecordCprAed
  | MergeAccounts
  | PassExam;

export interface CertificantContext extends DecisionContext {
  /** MergeAccounts on the survivor's stream: the duplicate account's folded state. */
  duplicate?: CertificantState;
}

/** D1.1: the certifications the body awards; RSCC rides on a CSCS and is not one of them. */
export function parseCertification(value: string): Certification {
  if (value.trim().toUpperCase() === 'RSCC') {
    refuse(
      'RSCC_NOT_A_CERTIFICATION',
      'RSCC is a recognition that rides on a current CSCS, not a certification; it has its own yearly renewal.',
      { certification: value },
    );
  }
  const known = CERTIFICATIONS.find((certification) => certification === value);
  if (!known) {
    refuse('CERTIFICATION_UNKNOWN', `"${value}" is not a certification: expected one of ${CERTIFICATIONS.join(', ')}.`, {
      certification: value,
    });
  }
  return known;
}

/** Every command but registration and merge needs a registered account that was not merged away. */
export function requireActiveAccount(state: CertificantState, certificantId: string): void {
  if (state.status === 'unregistered') {
    refuse('CERTIFICANT_NOT_REGISTERED', `There is no certificant ${certificantId}.`, { certificantId });
  }
  if (state.status === 'merged') {
    refuse(
      'CERTIFICANT_MERGED',
      `This account was merged into ${state.mergedInto}; record it on that account.`,
      { certificantId, mergedInto: state.mergedInto },
    );
  }
}
