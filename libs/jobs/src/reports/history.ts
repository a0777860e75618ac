import {
  APPEAL_EVENT_VERSIONS,
  AUDIT_EVENT_VERSIONS,
  CERTIFICANT_EVENT_VERSIONS,
  CERTIFICATE_EVENT_VERSIONS,
  CYCLE_ADMIN_EVENT_VERSIONS,
  CYCLE_EVENT_VERSIONS,
  evolveAppeal,
  evolveAudit,
  evolveCertificant,
  evolveCertificate,
  evolveCycle,
  evolveCycleAdmin,
  initialAppealState,
  initialAuditState,
  initialCertificantState,
  initialCertificateState,
  initialCycleAdminState,
  initialCycleState,
  type AppealEvent,
  type AppealGrounds,
  type AppealKind,
  type AppealState,
  type AuditEvent,
  type AuditState,
  type BusinessDate,
  type CertificantEvent,
  type CertificantState,
  type CertificateEvent,
  type CertificateState,
  type CycleAdminEvent,
  type CycleAdminState,
  type CycleEvent,
  type CycleName,
  type CycleState,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';

/** An audit stream folded, plus the closing date its state does not keep (cycleStatus needs it as of a date). */
export interface AuditRecord {
  state: AuditState;
  closedOn: BusinessDate | null;
}

/** An appeal stream folded, plus what its state does not keep: grounds, kind and filing date. */
export interface AppealRecord {
  state: AppealState;
  grounds: AppealGrounds | null;
  kind: AppealKind | null;
  filedOn: BusinessDate | null;
}

/** A cycle stream folded, keyed by the certificant and cycle its stream name carries. */
export interface CycleRecord {
  certificantId: string;
  cycle: CycleName;
  state: CycleState;
}

type Aggregate = 'certificant' | 'cycle' | 'audit' | 'appeal' | 'cycle-admin' | 'certificate';

/** Event type -> its aggregate, from the domain's own version tables (nothing listed twice). */
const AGGREGATE_OF = new Map<string, Aggregate>([
  ...Object.keys(CERTIFICANT_EVENT_VERSIONS).map((t) => [t, 'certificant'] as const),
  ...Object.keys(CYCLE_EVENT_VERSIONS).map((t) => [t, 'cycle'] as const),
  ...Object.keys(AUDIT_EVENT_VERSIONS).map((t) => [t, 'audit'] as const),
  ...Object.keys(APPEAL_EVENT_VERSIONS).map((t) => [t, 'appeal'] as const),
  ...Object.keys(CYCLE_ADMIN_EVENT_VERSIONS).map((t) => [t, 'cycle-admin'] as const),
  ...Object.keys(CERTIFICATE_EVENT_VERSIONS).map((t) => [t, 'certificate'] as const),
]);

const CERTIFICANT_PREFIX = 'certificant-';
const CYCLE_STREAM = /^cycle-(.+)-(\d{4}-\d{4})$/;

/**
 * Every stream a report reads, folded with the domain's own `evolve` functions, one state per
 * stream. The fold holds the latest state in a Map entry and replaces it: the domain's evolve
 * returns new objects, so nothing here is mutated behind the domain's back.
 */
export class History {
  readonly certificants = new Map<string, CertificantState>();
  readonly cycles = new Map<string, CycleRecord>();
  readonly audits = new Map<string, AuditRecord>();
  readonly appeals = new Map<string, AppealRecord>();
  readonly cycleAdmins = new Map<string, CycleAdminState>();
  readonly certificates = new Map<string, CertificateState>();
  /** Events applied to a state (known by `knownAt`, of a type a report reads). */
  eventsFolded = 0;

  /**
   * Applies one recorded event. The RecordedEvent itself is passed to evolve (it has `type` and
   * `data`): no `{ type, data }` copy per event. Events of other aggregates (imports, staff) and
   * unknown types are not part of any report and are passed over.
   */
  apply(event: RecordedEvent): void {
    const aggregate = AGGREGATE_OF.get(event.type);
    if (aggregate === undefined) return;
    const id = event.streamId;
    switch (aggregate) {
      case 'certificant': {
        const certificantId = id.startsWith(CERTIFICANT_PREFIX) ? id.slice(CERTIFICANT_PREFIX.length) : id;
        this.certificants.set(certificantId, evolveCertificant(this.certificants.get(certificantId) ?? initialCertificantState, event as unknown as CertificantEvent));
        break;
      }
      case 'cycle': {
        let record = this.cycles.get(id);
        if (record === undefined) {
          const match = CYCLE_STREAM.exec(id);
          if (match === null) return;
          record = { certificantId: match[1]!, cycle: match[2]!, state: initialCycleState };
          this.cycles.set(id, record);
        }
        record.state = evolveCycle(record.state, event as unknown as CycleEvent);
        break;
      }
      case 'audit': {
        let record = this.audits.get(id);
        if (record === undefined) {
          record = { state: initialAuditState, closedOn: null };
          this.audits.set(id, record);
        }
        const audit = event as unknown as AuditEvent;
        record.state = evolveAudit(record.state, audit);
        if (audit.type === 'AuditClosed') record.closedOn = audit.data.closedOn;
        break;
      }
      case 'appeal': {
        let record = this.appeals.get(id);
        if (record === undefined) {
          record = { state: initialAppealState, grounds: null, kind: null, filedOn: null };
          this.appeals.set(id, record);
        }
        const appeal = event as unknown as AppealEvent;
        record.state = evolveAppeal(record.state, appeal);
        if (appeal.type === 'AppealFiled') {
          record.grounds = appeal.data.grounds;
          record.kind = appeal.data.kind;
          record.filedOn = appeal.data.filedOn;
        }
        break;
      }
      case 'cycle-admin':
        this.cycleAdmins.set(id, evolveCycleAdmin(this.cycleAdmins.get(id) ?? initialCycleAdminState, event as unknown as CycleAdminEvent));
        break;
      case 'certificate':
        this.certificates.set(id, evolveCertificate(this.certificates.get(id) ?? initialCertificateState, event as unknown as CertificateEvent));
        break;
    }
    this.eventsFolded++;
  }
}
