/** Injection tokens for the infrastructure the app composes. */
export const EVENT_STORE = Symbol('EventStore');
export const DATA_SOURCE = Symbol('DataSource');
export const RECERT_CONFIG = Symbol('RecertConfig');
