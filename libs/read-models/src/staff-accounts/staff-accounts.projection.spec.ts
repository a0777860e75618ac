import type { RecordedEvent } from '@recert/event-store';
import { projectStaffAccount } from './staff-accounts.projection';

const recorded = (streamRevision: number, type: string, data: unknown) => ({ streamId: 'staff-s-1', streamRevision, type, data }) as RecordedEvent;
const created = recorded(0, 'StaffAccountCreated', {
  staffId: 's-1', email: 'lee@body.org', name: 'Lee', roles: ['staff'], passwordHash: 'secret-hash', createdOn: '2026-11-24', createdBy: 'admin-1',
});

describe('the staff accounts read model', () => {
  it('lists an account without its password hash', () => {
    const row = projectStaffAccount(null, created);
    expect(row).toEqual({ staffId: 's-1', email: 'lee@body.org', name: 'Lee', roles: ['staff'], createdOn: '2026-11-24', createdBy: 'admin-1', rolesChangedOn: null, lastRevision: 0 });
    expect(JSON.stringify(row)).not.toContain('secret-hash');
  });

  it('keeps the roles of the latest change and ignores a replayed event', () => {
    const changed = recorded(1, 'StaffRolesChanged', { staffId: 's-1', roles: ['auditor'], previousRoles: ['staff'], changedOn: '2026-11-25', changedBy: 'admin-1' });
    const row = projectStaffAccount(projectStaffAccount(null, created), changed);
    expect(row).toMatchObject({ roles: ['auditor'], rolesChangedOn: '2026-11-25', lastRevision: 1 });
    expect(projectStaffAccount(row, created)).toBe(row);
  });
});
