import { refuse } from '../shared/errors';
import type { CertificantContext, RegisterCertificant } from './commands';
import type { CertificantRegistered } from './events';
import type { CertificantState } from './state';

export function registerCertificant(
  command: RegisterCertificant,
  state: CertificantState,
  context: CertificantContext,
): CertificantRegistered[] {
  if (state.status !== 'unregistered') {
    // Registering the same id again is a retry: nothing new. The details live in the first event.
    return [];
  }
  if (!command.firstName.trim() || !command.lastName.trim()) {
    refuse('CERTIFICANT_NAME_MISSING', 'A certificant needs a first and a last name.');
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(command.email)) {
    refuse('CERTIFICANT_EMAIL_INVALID', `"${command.email}" is not an email address.`, { email: command.email });
  }
  return [
    {
      type: 'CertificantRegistered',
      data: {
        certificantId: command.certificantId,
        firstName: command.firstName.trim(),
        lastName: command.lastName.trim(),
        email: command.email.trim().toLowerCase(),
        memberId: command.memberId ?? null,
        registeredOn: command.registeredOn ?? context.today,
      },
    },
  ];
}
