import type { Decider, DecisionContext } from '../shared/decider';
import { changeStaffRoles } from './change-staff-roles';
import type { StaffCommand } from './commands';
import { createStaffAccount } from './create-staff-account';
import type { StaffEvent } from './events';
import { evolveStaff, initialStaffState, type StaffState } from './state';

export const staffDecider: Decider<StaffCommand, StaffEvent, StaffState, DecisionContext> = {
  initialState: initialStaffState,
  evolve: evolveStaff,
  decide(command, state, context): StaffEvent[] {
    switch (command.type) {
      case 'CreateStaffAccount':
        return createStaffAccount(command, state, context);
      case 'ChangeStaffRoles':
        return changeStaffRoles(command, state, context);
    }
  },
};
