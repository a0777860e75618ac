import { actorId, type DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import { parseRoles, type CreateStaffAccount } from './commands';
import type { StaffAccountCreated } from './events';
import type { StaffState } from './state';

/** Email uniqueness across accounts is checked by the handler against the staff read model. */
export function createStaffAccount(command: CreateStaffAccount, state: StaffState, context: DecisionContext): StaffAccountCreated[] {
  const email = command.email.trim().toLowerCase();
  if (state.exists) {
    if (state.email === email) return [];
    refuse('STAFF_ACCOUNT_EXISTS', `Staff account ${command.staffId} already exists with another email.`, { staffId: command.staffId });
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) refuse('STAFF_EMAIL_INVALID', `"${command.email}" is not an email address.`);
  if (!command.passwordHash) refuse('STAFF_PASSWORD_MISSING', 'A staff account needs a password.');
  const roles = parseRoles(command.roles);
  return [
    {
      type: 'StaffAccountCreated',
      data: {
        staffId: command.staffId,
        email,
        name: command.name.trim(),
        roles,
        passwordHash: command.passwordHash,
        createdOn: context.today,
        createdBy: actorId(context.actor),
      },
    },
  ];
}
