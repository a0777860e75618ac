import { created, expectStaff } from './fixtures';

const create = { type: 'CreateStaffAccount' as const, staffId: 's-1', email: 'Lee@Body.org', name: 'Lee', roles: ['staff'], passwordHash: 'hash' };

describe('CreateStaffAccount', () => {
  it('creates an account with its roles and the hash computed outside the domain', () => {
    expectStaff.given([]).when(create).then([created()]);
  });

  it('refuses a role that does not exist', () => {
    expectStaff.given([]).when({ ...create, roles: ['staff', 'superuser'] }).thenThrows('STAFF_ROLE_UNKNOWN');
  });

  it('refuses the same id with another email', () => {
    expectStaff.given([created()]).when({ ...create, email: 'kim@body.org' }).thenThrows('STAFF_ACCOUNT_EXISTS');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectStaff.given([created()]).when(create).thenNothing();
  });
});
