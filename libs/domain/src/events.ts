/**
 * Every event of the domain, as stored: `{ type, data }` with an explicit past-tense name that
 * never follows a class name (style.md habit 4), and a schema version per type. When a payload
 * changes shape, its version goes up here and an upcaster in libs/event-store turns old
 * payloads into the new shape on read.
 */
import { APPEAL_EVENT_VERSIONS, type AppealEvent } from './appeal/events';
import { AUDIT_EVENT_VERSIONS, type AuditEvent } from './audit/events';
import { CERTIFICANT_EVENT_VERSIONS, type CertificantEvent } from './certificant/events';
import { CERTIFICATE_EVENT_VERSIONS, type CertificateEvent } from './certificate/events';
import { CYCLE_ADMIN_EVENT_VERSIONS, type CycleAdminEvent } from './cycle-admin/events';
import { CYCLE_EVENT_VERSIONS, type CycleEvent } from './cycle/events';
import { IMPORT_EVENT_VERSIONS, type ImportEvent } from './import/events';
import { STAFF_EVENT_VERSIONS, type StaffEvent } from './staff/events';

export type DomainEvent =
  | CertificantEvent
  | CycleEvent
  | AuditEvent
  | AppealEvent
  | ImportEvent
  | CycleAdminEvent
  | CertificateEvent
  | StaffEvent;

export type DomainEventType = DomainEvent['type'];

export const EVENT_SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = {
  ...CERTIFICANT_EVENT_VERSIONS,
  ...CYCLE_EVENT_VERSIONS,
  ...AUDIT_EVENT_VERSIONS,
  ...APPEAL_EVENT_VERSIONS,
  ...IMPORT_EVENT_VERSIONS,
  ...CYCLE_ADMIN_EVENT_VERSIONS,
  ...CERTIFICATE_EVENT_VERSIONS,
  ...STAFF_EVENT_VERSIONS,
};

export const DOMAIN_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as DomainEventType[];

export function isDomainEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

export { certificantStream } from './certificant/events';
export { cycleStream } from './cycle/events';
export { auditStream } from './audit/events';
export { appealStream } from './appeal/events';
export { importStream } from './import/events';
export { cycleAdminStream } from './cycle-admin/events';
export { certificateStream } from './certificate/events';
export { staffStream } from './staff/events';
