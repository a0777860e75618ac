/**
 * @recert/domain: the recertification rules, pure. Events, commands and deciders per stream;
 * the cycle policies and `cycleStatus` (the one function that decides a status).
 * `libs/domain/src/testing` is for specs only and is not exported here.
 */
export * from './shared/types';
export * from './shared/decider';
export * from './shared/errors';
export * from './shared/dates';
export * from './shared/ceus';
export * from './policy';
export * from './status';
export * from './events';

export * from './certificant/events';
export * from './certificant/commands';
export * from './certificant/state';
export { certificantDecider } from './certificant/decider';

export * from './cycle/events';
export * from './cycle/commands';
export * from './cycle/state';
export * from './cycle/cycle-facts';
export * from './cycle/cycle-records';
export { formatCents } from './cycle/money';
export { cycleDecider } from './cycle/decider';

export * from './audit/events';
export * from './audit/commands';
export * from './audit/state';
export { auditDecider } from './audit/decider';

export * from './appeal/events';
export * from './appeal/commands';
export * from './appeal/state';
export { appealDecider } from './appeal/decider';

export * from './import/events';
export * from './import/commands';
export * from './import/state';
export { importDecider } from './import/decider';

export * from './cycle-admin/events';
export * from './cycle-admin/commands';
export * from './cycle-admin/state';
export * from './cycle-admin/audit-draw';
export { drawnAuditId } from './cycle-admin/draw-audit';
export { cycleAdminDecider } from './cycle-admin/decider';

export * from './certificate/events';
export * from './certificate/certificate';
export { certificateDecider } from './certificate/decider';

export * from './staff/events';
export * from './staff/commands';
export * from './staff/state';
export { staffDecider } from './staff/decider';
