import type { Projection } from '@recert/read-models';
import type { EntitySchema } from 'typeorm';

/**
 * Every read model the app serves: its projection, its entities and its migrations. Add a read
 * model here, one line in each list, and the api, the worker and rebuilds all pick it up.
 */
export const READ_MODEL_PROJECTIONS: Projection[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_ENTITIES: Array<Function | EntitySchema> = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_MIGRATIONS: Function[] = [];
