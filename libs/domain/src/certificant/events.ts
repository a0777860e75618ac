import type { BusinessDate, Certification } from '../shared/types';

/** Stream `certificant-<id>`: identity, certifications held, CPR/AED, account merges (D1). */
export const certificantStream = (certificantId: string) => `certificant-${certificantId}`;

export type CertificantRegistered = {
  type: 'CertificantRegistered';
  data: { certificantId: string; firstName: string; lastName: string; email: string; memberId: string | null; registeredOn: BusinessDate };
};

/** D1.2: the certification is pending until its initial documents are received. */
export type CertificationEarned = {
  type: 'CertificationEarned';
  data: { certificantId: string; certification: Certification; earnedOn: BusinessDate; recordedOn: BusinessDate };
};

export type CertificationDocumentsReceived = {
  type: 'CertificationDocumentsReceived';
  data: { certificantId: string; certification: Certification; documents: string[]; receivedOn: BusinessDate };
};

export type CprAedRecorded = {
  type: 'CprAedRecorded';
  data: {
    certificantId: string;
    provider: string;
    completedOn: BusinessDate;
    expiresOn: BusinessDate;
    coversAdult: boolean;
    skillsEvaluation: boolean;
    deliveredOnline: boolean;
  };
};

export interface HeldCertificationSnapshot {
  certification: Certification;
  earnedOn: BusinessDate;
  pending: boolean;
}

/**
 * D1.3: appended to BOTH streams, the survivor's and the duplicate's. The survivor's state takes
 * the duplicate's certifications and CPR/AED cards (carried in the event, so replay needs no other
 * stream); the duplicate's state points to the survivor and refuses further commands.
 */
export type AccountsMerged = {
  type: 'AccountsMerged';
  data: {
    survivorId: string;
    duplicateId: string;
    mergedOn: BusinessDate;
    duplicateCertifications: HeldCertificationSnapshot[];
    duplicateCprAed: CprAedRecorded['data'][];
  };
};

/** D2.5: passing the exam again before the deadline recertifies without CEUs. */
export type ExamPassed = {
  type: 'ExamPassed';
  data: { certificantId: string; certification: Certification; passedOn: BusinessDate };
};

export type CertificantEvent =
  | CertificantRegistered
  | CertificationEarned
  | CertificationDocumentsReceived
  | CprAedRecorded
  | AccountsMerged
  | ExamPassed;

export const CERTIFICANT_EVENT_VERSIONS: Record<CertificantEvent['type'], number> = {
  CertificantRegistered: 1,
  CertificationEarned: 1,
  CertificationDocumentsReceived: 1,
  CprAedRecorded: 1,
  AccountsMerged: 1,
  ExamPassed: 1,
};
