import { newId } from '../shared/decider';
import { refuse } from '../shared/errors';
import {
  certificateReadiness,
  validThroughAfter,
  verificationCode,
  type CertificateContext,
  type CertificateState,
  type IssueCertificate,
} from './certificate';
import type { CertificateIssued } from './events';

/** D7.1, D7.2, D5.5: once per certification and cycle, only when ready. */
export function issueCertificate(command: IssueCertificate, state: CertificateState, context: CertificateContext): CertificateIssued[] {
  if (state.issued) return [];
  if (context.status.cycle !== command.cycle) {
    refuse('CERTIFICATE_STATUS_MISMATCH', `The status given is for ${context.status.cycle}, not ${command.cycle}.`);
  }
  const readiness = certificateReadiness(context.status, command.certification);
  if (!readiness.ready) {
    const pending = readiness.reasons.some((r) => r.code === 'CERTIFICATE_AUDIT_PENDING') && readiness.reasons.length === 1;
    refuse(
      pending ? 'CERTIFICATE_AUDIT_PENDING' : 'CERTIFICATE_NOT_READY',
      `No certificate for ${command.certification} yet: ${readiness.reasons.map((r) => r.message).join(' ')}`,
      { reasons: readiness.reasons },
    );
  }
  if (!context.seed) refuse('CERTIFICATE_SEED_REQUIRED', 'A certificate needs injected randomness for its verification code.');
  return [
    {
      type: 'CertificateIssued',
      data: {
        certificateId: newId(command.certificateId, context, 'certificate'),
        certificantId: command.certificantId,
        cycle: command.cycle,
        certification: command.certification,
        issuedOn: context.today,
        validThrough: validThroughAfter(command.cycle),
        verificationCode: verificationCode(context.seed, command.certificantId, command.cycle, command.certification),
        withDistinction: context.withDistinction ?? false,
      },
    },
  ];
}
