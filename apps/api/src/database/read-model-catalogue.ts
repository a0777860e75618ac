import type { EntitySchema } from 'typeorm';

/**
 * Every read model the app serves: their entities, migrations and projections. Add a read model
 * here, in one line each, and the api, the worker and rebuilds all pick it up.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_ENTITIES: Array<Function | EntitySchema> = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_MIGRATIONS: Function[] = [];
