import type { EntitySchema } from 'typeorm';

/** Tables of the API itself (not projections): idempotency keys, sessions. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_ENTITIES: Array<Function | EntitySchema> = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [];
