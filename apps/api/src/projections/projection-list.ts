import { READ_MODEL_PROJECTIONS } from '../database/read-model-catalogue';

/** The projections this app knows: the catalogue's (a token, so a test can add a toy one). */
export const PROJECTION_LIST = Symbol('ProjectionList');

export const projectionListProvider = { provide: PROJECTION_LIST, useFactory: () => [...READ_MODEL_PROJECTIONS] };
