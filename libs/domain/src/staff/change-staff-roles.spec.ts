import { adminContext, created, expectStaff } from './fixtures';

const change = { type: 'ChangeStaffRoles' as const, staffId: 's-1', roles: ['auditor', 'staff'] };

describe('ChangeStaffRoles', () => {
  it('records the new roles beside the previous ones', () => {
    expectStaff
      .given([created()])
      .when(change)
      .then([
        {
          type: 'StaffRolesChanged',
          data: { staffId: 's-1', roles: ['staff', 'auditor'], previousRoles: ['staff'], changedOn: '2025-03-01', changedBy: 'admin-1' },
        },
      ]);
  });

  it('refuses an unknown account', () => {
    expectStaff.given([]).when(change).thenThrows('STAFF_NOT_FOUND');
  });

  it('refuses an admin removing their own admin role', () => {
    expectStaff
      .given([created(['admin'], 'admin-1')])
      .when({ ...change, staffId: 'admin-1', roles: ['staff'] }, adminContext)
      .thenThrows('STAFF_CANNOT_REMOVE_OWN_ADMIN');
  });

  it('changes nothing when the roles are already those (idempotent)', () => {
    expectStaff.given([created(['staff', 'auditor'])]).when(change).thenNothing();
  });
});
