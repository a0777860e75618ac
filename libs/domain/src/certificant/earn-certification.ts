import { refuse } from '../shared/errors';
import { parseCertification, requireActiveAccount, type CertificantContext, type EarnCertification } from './commands';
import type { CertificationEarned } from './events';
import type { CertificantState } from './state';

export function earnCertification(
  command: EarnCertification,
  state: CertificantState,
  context: CertificantContext,
): CertificationEarned[] {
  requireActiveAccount(state, command.certificantId);
  const certification = parseCertification(command.certification);
  if (command.earnedOn > context.today) {
    refuse('EARNED_DATE_IN_FUTURE', `A certification cannot be earned on ${command.earnedOn}, after today.`, {
      earnedOn: command.earnedOn,
    });
  }
  const held = state.certifications.find((existing) => existing.certification === certification);
  if (held) {
    if (held.earnedOn === command.earnedOn) return [];
    refuse(
      'CERTIFICATION_ALREADY_HELD',
      `${certification} is already on this account, earned on ${held.earnedOn}; a certification is held once.`,
      { certification, earnedOn: held.earnedOn },
    );
  }
  return [
    {
      type: 'CertificationEarned',
      data: { certificantId: command.certificantId, certification, earnedOn: command.earnedOn, recordedOn: context.today },
    },
  ];
}
