import { cycleBounds, nextCycleOf } from '../policy/policy';
import type { DecisionContext } from '../shared/decider';
import type { Blocker, BusinessDate, Certification, CycleName } from '../shared/types';
import type { CycleStatus } from '../status/cycle-status';
import { mulberry32, seedHash } from '../cycle-admin/audit-draw';
import type { CertificateEvent, CertificateIssued } from './events';

export type IssueCertificate = {
  type: 'IssueCertificate';
  certificantId: string;
  cycle: CycleName;
  certification: Certification;
  certificateId?: string;
};
export type CertificateCommand = IssueCertificate;

export interface CertificateContext extends DecisionContext {
  /** `cycleStatus` of the certificant's cycle, as of today. */
  status: CycleStatus;
  /** Injected randomness (e.g. 16 random bytes in hex); the code is derived from it. */
  seed: string;
  withDistinction?: boolean;
}

export interface CertificateState {
  issued: CertificateIssued['data'] | null;
}

export const initialCertificateState: CertificateState = { issued: null };

export function evolveCertificate(state: CertificateState, event: CertificateEvent): CertificateState {
  switch (event.type) {
    case 'CertificateIssued':
      return { ...state, issued: event.data };
  }
}

const READY_STATUSES = ['Complete', 'CompleteLate', 'Reinstated'];

/** D7.1, D5.5: ready when complete and not waiting on an audit. Also what the readiness list shows. */
export function certificateReadiness(status: CycleStatus, certification: Certification): { ready: boolean; reasons: Blocker[] } {
  const held = status.certifications.find((c) => c.certification === certification);
  const reasons: Blocker[] = [];
  if (!held) {
    reasons.push({ code: 'CERTIFICATION_NOT_HELD', message: `${certification} is not held on this account.` });
  } else if (!held.required) {
    reasons.push({ code: 'CERTIFICATION_NOT_REQUIRED', message: `${certification} is carried into the next cycle; no certificate for ${status.cycle}.` });
  } else if (!READY_STATUSES.includes(held.status)) {
    reasons.push({ code: 'CERTIFICATE_NOT_COMPLETE', message: `${certification} is not complete (${held.status}).` }, ...held.blockers);
  }
  if (status.audit?.status === 'open') {
    reasons.push({ code: 'CERTIFICATE_AUDIT_PENDING', message: 'The certificant was selected for audit; the certificate waits until the audit is done.' });
  }
  if (status.audit?.status === 'failed') {
    reasons.push({ code: 'CERTIFICATE_AUDIT_FAILED', message: 'The audit failed; the certification was not recertified.' });
  }
  return { ready: reasons.length === 0, reasons };
}

/** Crockford base32 without I, L, O, U: nothing to misread on paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `XXXX-XXXX-XX`, derived from the injected seed and what the certificate is for. */
export function verificationCode(seed: string, certificantId: string, cycle: CycleName, certification: Certification): string {
  const next = mulberry32(seedHash(`${seed}|${certificantId}|${cycle}|${certification}`));
  const chars = Array.from({ length: 10 }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export function validThroughAfter(cycle: CycleName): BusinessDate {
  return cycleBounds(nextCycleOf(cycle)).endsOn;
}
