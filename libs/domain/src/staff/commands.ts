import { refuse } from '../shared/errors';
import { STAFF_ROLES, type StaffRole } from './events';

export type CreateStaffAccount = {
  type: 'CreateStaffAccount';
  staffId: string;
  email: string;
  name: string;
  roles: string[];
  passwordHash: string;
};
export type ChangeStaffRoles = { type: 'ChangeStaffRoles'; staffId: string; roles: string[] };
export type StaffCommand = CreateStaffAccount | ChangeStaffRoles;

/** Roles in a stable order without repeats, so the same set is the same value. */
export function parseRoles(roles: string[]): StaffRole[] {
  const unknown = roles.filter((role) => !(STAFF_ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) {
    refuse('STAFF_ROLE_UNKNOWN', `Unknown role ${unknown.join(', ')}: roles are ${STAFF_ROLES.join(', ')}.`, { unknown });
  }
  if (roles.length === 0) refuse('STAFF_ROLES_EMPTY', 'A staff account needs at least one role.');
  return STAFF_ROLES.filter((role) => roles.includes(role));
}
