/** @recert/jobs: the heavy work the queues run (imports, reports). */
export * from './imports';
export * from './reports';
