import type { EntitySchema } from 'typeorm';
import { AuthTables1764400000000, FailedLoginEntity, StaffSessionEntity } from '../auth/auth-tables';
import { IdempotencyKeyEntity, IdempotencyKeysTable1764400000001 } from '../idempotency/idempotency-tables';
import { ReportJobEntity, ReportJobsTable1764500000050 } from '../reports/report-jobs-table';

/** Tables of the API itself (not projections): idempotency keys, sessions. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_ENTITIES: Array<Function | EntitySchema> = [StaffSessionEntity, FailedLoginEntity, IdempotencyKeyEntity, ReportJobEntity];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [AuthTables1764400000000, IdempotencyKeysTable1764400000001, ReportJobsTable1764500000050];
