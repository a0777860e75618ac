import type { StaffEvent, StaffRole } from './events';

export interface StaffState {
  exists: boolean;
  staffId: string | null;
  email: string | null;
  roles: StaffRole[];
}

export const initialStaffState: StaffState = { exists: false, staffId: null, email: null, roles: [] };

export function evolveStaff(state: StaffState, event: StaffEvent): StaffState {
  switch (event.type) {
    case 'StaffAccountCreated':
      return { exists: true, staffId: event.data.staffId, email: event.data.email, roles: event.data.roles };
    case 'StaffRolesChanged':
      return { ...state, roles: event.data.roles };
  }
}
