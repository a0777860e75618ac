import type { BusinessDate } from '../shared/types';

export const staffStream = (staffId: string) => `staff-${staffId}`;

export const STAFF_ROLES = ['staff', 'auditor', 'committee', 'admin', 'viewer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The password hash is computed outside the domain (it needs crypto) and passed in. */
export type StaffAccountCreated = {
  type: 'StaffAccountCreated';
  data: { staffId: string; email: string; name: string; roles: StaffRole[]; passwordHash: string; createdOn: BusinessDate; createdBy: string };
};

export type StaffRolesChanged = {
  type: 'StaffRolesChanged';
  data: { staffId: string; roles: StaffRole[]; previousRoles: StaffRole[]; changedOn: BusinessDate; changedBy: string };
};

export type StaffEvent = StaffAccountCreated | StaffRolesChanged;

export const STAFF_EVENT_VERSIONS: Record<StaffEvent['type'], number> = {
  StaffAccountCreated: 1,
  StaffRolesChanged: 1,
};
