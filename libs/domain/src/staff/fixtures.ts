import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { staffDecider } from './decider';
import type { StaffAccountCreated } from './events';

export const adminContext = { ...staffContext, actor: { id: 'admin-1', role: 'admin' } };
export const expectStaff = deciderSpec(staffDecider, adminContext);

export const created = (roles: StaffAccountCreated['data']['roles'] = ['staff'], staffId = 's-1'): StaffAccountCreated => ({
  type: 'StaffAccountCreated',
  data: { staffId, email: 'lee@body.org', name: 'Lee', roles, passwordHash: 'hash', createdOn: '2025-03-01', createdBy: 'admin-1' },
});
