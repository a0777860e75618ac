import type { BusinessDate, Certification } from '../shared/types';
import type { CertificantEvent, CprAedRecorded } from './events';

export interface CertificationOnAccount {
  certification: Certification;
  earnedOn: BusinessDate;
  /** D1.2: not on the account until the initial documents are received. */
  pending: boolean;
}

export type CprAedCard = CprAedRecorded['data'];

export interface CertificantState {
  status: 'unregistered' | 'registered' | 'merged';
  certificantId: string | null;
  memberId: string | null;
  certifications: CertificationOnAccount[];
  cprAed: CprAedCard[];
  examsPassed: { certification: Certification; passedOn: BusinessDate }[];
  /** Accounts merged into this one; their cycle streams are read with this account's (D1.3). */
  mergedDuplicates: string[];
  mergedInto: string | null;
}

export const initialCertificantState: CertificantState = {
  status: 'unregistered',
  certificantId: null,
  memberId: null,
  certifications: [],
  cprAed: [],
  examsPassed: [],
  mergedDuplicates: [],
  mergedInto: null,
};

export function evolveCertificant(state: CertificantState, event: CertificantEvent): CertificantState {
  switch (event.type) {
    case 'CertificantRegistered':
      return { ...state, status: 'registered', certificantId: event.data.certificantId, memberId: event.data.memberId };
    case 'CertificationEarned':
      return {
        ...state,
        certifications: [
          ...state.certifications,
          { certification: event.data.certification, earnedOn: event.data.earnedOn, pending: true },
        ],
      };
    case 'CertificationDocumentsReceived':
      return {
        ...state,
        certifications: state.certifications.map((held) =>
          held.certification === event.data.certification ? { ...held, pending: false } : held,
        ),
      };
    case 'CprAedRecorded':
      return { ...state, cprAed: [...state.cprAed, event.data] };
    case 'ExamPassed':
      return {
        ...state,
        examsPassed: [...state.examsPassed, { certification: event.data.certification, passedOn: event.data.passedOn }],
      };
    case 'AccountsMerged': {
      if (event.data.duplicateId === state.certificantId) {
        return { ...state, status: 'merged', mergedInto: event.data.survivorId };
      }
      return {
        ...state,
        mergedDuplicates: [...state.mergedDuplicates, event.data.duplicateId],
        certifications: joinCertifications(state.certifications, event.data.duplicateCertifications),
        cprAed: [
          ...state.cprAed,
          ...event.data.duplicateCprAed.filter((card) => !state.cprAed.some((own) => sameCard(own, card))),
        ],
      };
    }
  }
}

/**
 * D1.3: the survivor holds both accounts' certifications. When both hold the same one, the
 * earlier earned date wins (the person held it since then) and it is held, not pending, if
 * either account had its documents.
 */
function joinCertifications(own: CertificationOnAccount[], duplicate: CertificationOnAccount[]): CertificationOnAccount[] {
  const joined = own.map((held) => ({ ...held }));
  for (const other of duplicate) {
    const index = joined.findIndex((held) => held.certification === other.certification);
    if (index < 0) {
      joined.push({ ...other });
      continue;
    }
    const held = joined[index]!;
    joined[index] = {
      certification: held.certification,
      earnedOn: other.earnedOn < held.earnedOn ? other.earnedOn : held.earnedOn,
      pending: held.pending && other.pending,
    };
  }
  return joined;
}

export function sameCard(a: CprAedCard, b: CprAedCard): boolean {
  return a.provider === b.provider && a.completedOn === b.completedOn && a.expiresOn === b.expiresOn;
}

/** The certifications that are on the account (D1.2), with their earned dates. */
export function heldCertifications(state: CertificantState): { certification: Certification; earnedOn: BusinessDate }[] {
  return state.certifications
    .filter((held) => !held.pending)
    .map(({ certification, earnedOn }) => ({ certification, earnedOn }));
}

/** D1.4: the card valid on a date, if any. */
export function cprAedCurrentOn(state: CertificantState, date: BusinessDate): CprAedCard | null {
  return state.cprAed.find((card) => card.completedOn <= date && date <= card.expiresOn) ?? null;
}

/** D2.5: the exams passed, as the cycle's status reads them (`CycleContext.examPassed`). */
export function examsPassedOf(state: CertificantState): { certification: Certification; on: BusinessDate }[] {
  return state.examsPassed.map(({ certification, passedOn }) => ({ certification, on: passedOn }));
}
