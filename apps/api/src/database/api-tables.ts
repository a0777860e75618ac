import type { EntitySchema } from 'typeorm';
import { AuthTables1764400000000, FailedLoginEntity, StaffSessionEntity } from '../auth/auth-tables';
import { IdempotencyKeyEntity, IdempotencyKeysTable1764400000001 } from '../idempotency/idempotency-tables';

/** Tables of the API itself (not projections): idempotency keys, sessions. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_ENTITIES: Array<Function | EntitySchema> = [StaffSessionEntity, FailedLoginEntity, IdempotencyKeyEntity];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [AuthTables1764400000000, IdempotencyKeysTable1764400000001];
