import { actorId, type DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import { parseRoles, type ChangeStaffRoles } from './commands';
import type { StaffRolesChanged } from './events';
import type { StaffState } from './state';

export function changeStaffRoles(command: ChangeStaffRoles, state: StaffState, context: DecisionContext): StaffRolesChanged[] {
  if (!state.exists) refuse('STAFF_NOT_FOUND', `There is no staff account ${command.staffId}.`, { staffId: command.staffId });
  const roles = parseRoles(command.roles);
  if (roles.join() === state.roles.join()) return [];
  // An admin cannot lock themselves out; another admin must do it.
  if (actorId(context.actor) === state.staffId && state.roles.includes('admin') && !roles.includes('admin')) {
    refuse('STAFF_CANNOT_REMOVE_OWN_ADMIN', 'You cannot remove your own admin role; ask another admin.');
  }
  return [
    {
      type: 'StaffRolesChanged',
      data: { staffId: command.staffId, roles, previousRoles: state.roles, changedOn: context.today, changedBy: actorId(context.actor) },
    },
  ];
}
