export { StaffAccountEntity, StaffAccountsTable1764400000002, projectStaffAccount, staffAccountsProjection, type StaffAccountRow } from './staff-accounts.projection';
