import type { EntitySchema } from 'typeorm';
import { AuthTables1764400000000, FailedLoginEntity, StaffSessionEntity } from '../auth/auth-tables';
import { IdempotencyKeyEntity, IdempotencyKeysTable1764400000001 } from '../idempotency/idempotency-tables';
import { JobRunEntity, JobRunsTable1764600000000 } from '../jobs/job-runs-table';
import { ReportJobEntity, ReportJobsTable1764500000050 } from '../reports/report-jobs-table';

/** Tables of the API itself (not projections): idempotency keys, sessions, report jobs, background runs. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_ENTITIES: Array<Function | EntitySchema> = [StaffSessionEntity, FailedLoginEntity, IdempotencyKeyEntity, ReportJobEntity, JobRunEntity];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [AuthTables1764400000000, IdempotencyKeysTable1764400000001, ReportJobsTable1764500000050, JobRunsTable1764600000000];
