import {
  CERTIFICANT_EVENT_VERSIONS,
  CYCLE_EVENT_VERSIONS,
  cycleFactsOf,
  cycleOf,
  cycleStatus,
  evolveCertificant,
  evolveCycle,
  initialCertificantState,
  initialCycleState,
  nextCycleOf,
  policyFor,
  PolicyNotFound,
  type AuditEvent,
  type CertificantEvent,
  type CertificantState,
  type CycleEvent,
  type CycleFacts,
  type CycleName,
  type CycleState,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  type CycleStatusCertificantRow,
  type CycleStatusCycleRow,
  type CycleStatusRow,
} from './cycle-status.entities';
import { cycleContextOf, previousCycleOf } from '@recert/domain';

const CERTIFICANT_EVENTS = new Set<string>(Object.keys(CERTIFICANT_EVENT_VERSIONS));
const CYCLE_EVENTS = new Set<string>(Object.keys(CYCLE_EVENT_VERSIONS));
const AUDIT_EVENTS = new Set<string>(['AuditSelected', 'AuditClosed']);
const CERTIFICANT_PREFIX = 'certificant-';

/** Pure: the domain's fold of the certificant stream, guarded by revision so a replay changes nothing. */
export function projectCycleStatusCertificant(row: CycleStatusCertificantRow | null, event: RecordedEvent): CycleStatusCertificantRow {
  if (row && event.streamRevision <= row.lastRevision) return row;
  const state = evolveCertificant(row?.state ?? initialCertificantState, { type: event.type, data: event.data } as CertificantEvent);
  return { certificantId: event.streamId.slice(CERTIFICANT_PREFIX.length), state, lastRevision: event.streamRevision };
}

/** Pure: cycle events fold into the cycle state; audit events set the cycle's audit fact (D5). */
export function projectCycleStatusCycle(row: CycleStatusCycleRow | null, event: RecordedEvent): CycleStatusCycleRow {
  const base = row ?? emptyCycleRow(cycleKeyOf(event));
  if (AUDIT_EVENTS.has(event.type)) {
    const audit = { type: event.type, data: event.data } as AuditEvent;
    if (audit.type === 'AuditSelected') {
      if (base.audit?.auditId === audit.data.auditId) return base;
      return { ...base, audit: { auditId: audit.data.auditId, status: 'open', selectedOn: audit.data.selectedOn } };
    }
    if (audit.type === 'AuditClosed' && base.audit?.auditId === audit.data.auditId && base.audit.status !== audit.data.outcome) {
      return { ...base, audit: { ...base.audit, status: audit.data.outcome, closedOn: audit.data.closedOn } };
    }
    return base;
  }
  if (event.streamRevision <= base.lastRevision) return base;
  return { ...base, state: evolveCycle(base.state, { type: event.type, data: event.data } as CycleEvent), lastRevision: event.streamRevision };
}

export interface CycleEvaluation {
  facts: CycleFacts;
  rows: CycleStatusRow[];
}

/**
 * Pure: the facts `cycleStatus` takes for one certificant's cycle (merged accounts joined, D1.3;
 * `countsFrom` from the previous cycle, D2.3) and the status rows as of `asOf`. No rule here:
 * the domain's context, facts and status functions, composed.
 */
export function evaluateCycle(
  certificant: CertificantState,
  own: CycleStatusCycleRow,
  merged: CycleState[],
  previous: CycleState | null,
  asOf: string,
): CycleEvaluation {
  const context = cycleContextOf(
    { cycle: own.cycle, certificant, own: own.state, merged, previous, audit: own.audit },
    { today: asOf, now: `${asOf}T12:00:00.000Z`, actor: 'system' },
  );
  const facts = cycleFactsOf(own.state, { cycle: own.cycle }, context);
  const status = cycleStatus(facts, context.policy, asOf);
  const rows = status.certifications.map<CycleStatusRow>((c) => ({
    certificantId: own.certificantId,
    cycle: own.cycle,
    certification: c.certification,
    earnedOn: c.earnedOn,
    countsFrom: c.countsFrom,
    required: c.required,
    status: c.status,
    requiredTenths: c.requiredTenths,
    reportedTenths: c.reportedTenths,
    appliedTenths: c.appliedTenths,
    completedOn: c.completedOn,
    recertificationFeePaid: c.recertificationFeePaid,
    lateFeeDue: c.lateFeeDue,
    lateFeePaid: c.lateFeePaid,
    auditStatus: status.audit?.status ?? null,
    asOf,
    deadline: status.deadline,
    lateDeadline: status.lateDeadline,
  }));
  return { facts, rows };
}

export function emptyCycleRow(key: { certificantId: string; cycle: string }): CycleStatusCycleRow {
  return { ...key, state: initialCycleState, lastRevision: -1, audit: null, facts: null, asOf: null };
}

/** `cycle-<certificantId>-<cycle>` for cycle events; the audit's own data for audit events. */
function cycleKeyOf(event: RecordedEvent): { certificantId: string; cycle: string } {
  if (AUDIT_EVENTS.has(event.type)) {
    const { certificantId, cycle } = event.data as { certificantId: string; cycle: string };
    return { certificantId, cycle };
  }
  const match = /^cycle-(.+)-(\d{4}-\d{4})$/.exec(event.streamId);
  if (!match) throw new Error(`${event.streamId} is not a cycle stream`);
  return { certificantId: match[1]!, cycle: match[2]! };
}

/** The business date the event was recorded for (the command's today). */
function businessDateOf(event: RecordedEvent): string {
  return (event.metadata.occurredAt || event.metadata.recordedAt).slice(0, 10);
}

function hasPolicy(cycle: CycleName): boolean {
  try {
    policyFor(cycle);
    return true;
  } catch (error) {
    if (error instanceof PolicyNotFound) return false;
    throw error;
  }
}

type CycleKey = { certificantId: string; cycle: CycleName };
const keyString = ({ certificantId, cycle }: CycleKey) => `${certificantId}\u0000${cycle}`;
const later = (a: string | undefined, b: string) => (a !== undefined && a > b ? a : b);

/**
 * One batch: the events fold into the rows (kept in memory for the batch), and every cycle they
 * touch is judged once at the end, as of the latest business date that touched it; an import of
 * many rows for one certificant costs one evaluation, not one per row.
 */
class CycleStatusBatch {
  private readonly certificants = new Map<string, CycleStatusCertificantRow | null>();
  private readonly cycles = new Map<string, CycleStatusCycleRow | null>();
  private readonly changed = new Set<string>();
  /** Per certificant: the latest business date, and the cycles current when it held certifications. */
  private readonly touchedCertificants = new Map<string, { asOf: string; current: Set<CycleName> }>();
  private readonly touchedCycles = new Map<string, { key: CycleKey; asOf: string }>();

  constructor(private readonly manager: EntityManager) {}

  async apply(event: RecordedEvent): Promise<void> {
    const asOf = businessDateOf(event);
    if (CERTIFICANT_EVENTS.has(event.type)) {
      const certificantId = event.streamId.slice(CERTIFICANT_PREFIX.length);
      const row = await this.certificant(certificantId);
      const next = projectCycleStatusCertificant(row, event);
      if (next === row) return;
      this.certificants.set(certificantId, next);
      await this.manager.getRepository(CycleStatusCertificantEntity).save(next);
      const current = cycleOf(asOf);
      const started = next.state.certifications.length > 0 && hasPolicy(current);
      for (const id of [certificantId, ...(next.state.mergedInto ? [next.state.mergedInto] : [])]) {
        const touched = this.touchedCertificants.get(id) ?? { asOf, current: new Set<CycleName>() };
        touched.asOf = later(touched.asOf, asOf);
        if (started) touched.current.add(current);
        this.touchedCertificants.set(id, touched);
      }
      return;
    }
    const key = cycleKeyOf(event);
    const row = await this.cycle(key);
    const next = projectCycleStatusCycle(row, event);
    if (next === row) return;
    this.cycles.set(keyString(key), next);
    this.changed.add(keyString(key));
    this.touch(key, asOf);
  }

  async flush(): Promise<void> {
    for (const [certificantId, { asOf, current }] of this.touchedCertificants) {
      for (const cycle of await this.cyclesOf(certificantId, current)) this.touch({ certificantId, cycle }, asOf);
    }
    for (const { key, asOf } of [...this.touchedCycles.values()]) {
      // D2.3: the next cycle's `countsFrom` depends on this one's completion.
      const following = { certificantId: key.certificantId, cycle: nextCycleOf(key.cycle) };
      if (await this.cycle(following)) this.touch(following, asOf);
      // D1.3: a merged duplicate's cycle counts on the survivor's.
      const mergedInto = (await this.certificant(key.certificantId))?.state.mergedInto;
      if (mergedInto) this.touch({ certificantId: mergedInto, cycle: key.cycle }, asOf);
    }
    const ordered = [...this.touchedCycles.values()].sort((a, b) => keyString(a.key).localeCompare(keyString(b.key)));
    for (const { key, asOf } of ordered) await this.evaluate(key, asOf);
    const cycles = this.manager.getRepository(CycleStatusCycleEntity);
    for (const id of [...this.changed].sort()) await cycles.save(this.cycles.get(id)!);
  }

  private touch(key: CycleKey, asOf: string): void {
    const id = keyString(key);
    this.touchedCycles.set(id, { key, asOf: later(this.touchedCycles.get(id)?.asOf, asOf) });
  }

  private async certificant(certificantId: string): Promise<CycleStatusCertificantRow | null> {
    if (!this.certificants.has(certificantId)) {
      this.certificants.set(certificantId, await this.manager.getRepository(CycleStatusCertificantEntity).findOneBy({ certificantId }));
    }
    return this.certificants.get(certificantId)!;
  }

  private async cycle(key: CycleKey): Promise<CycleStatusCycleRow | null> {
    const id = keyString(key);
    if (!this.cycles.has(id)) this.cycles.set(id, await this.manager.getRepository(CycleStatusCycleEntity).findOneBy(key));
    return this.cycles.get(id)!;
  }

  /** Every cycle on record for the certificant or its merged duplicates, and `current`. */
  private async cyclesOf(certificantId: string, current: Set<CycleName>): Promise<CycleName[]> {
    const certificant = await this.certificant(certificantId);
    if (!certificant) return [];
    const owners = [certificantId, ...certificant.state.mergedDuplicates];
    const stored = await this.manager
      .createQueryBuilder()
      .select('DISTINCT c.cycle', 'cycle')
      .from(CycleStatusCycleEntity, 'c')
      .where('c.certificant_id IN (:...owners)', { owners })
      .getRawMany<{ cycle: string }>();
    const inBatch = [...this.cycles.values()].filter((row) => row && owners.includes(row.certificantId)).map((row) => row!.cycle);
    return [...new Set([...stored.map((r) => r.cycle), ...inBatch, ...current])];
  }

  private async evaluate(key: CycleKey, eventDate: string): Promise<void> {
    const id = keyString(key);
    const own = (await this.cycle(key)) ?? emptyCycleRow(key);
    const certificant = await this.certificant(key.certificantId);
    const statusRows = this.manager.getRepository(CycleStatusEntity);
    await statusRows.delete(key);
    if (!certificant || certificant.state.status === 'unregistered') {
      // The cycle stream may be read before its certificant (no ordering across streams).
      if (own.facts !== null) {
        this.cycles.set(id, { ...own, facts: null, asOf: null });
        this.changed.add(id);
      }
      return;
    }
    const asOf = later(own.asOf ?? undefined, eventDate);
    const merged: CycleState[] = [];
    for (const duplicate of certificant.state.mergedDuplicates) merged.push((await this.cycle({ certificantId: duplicate, cycle: key.cycle }))?.state ?? initialCycleState);
    const previousCycle = previousCycleOf(key.cycle);
    const previous = previousCycle ? ((await this.cycle({ certificantId: key.certificantId, cycle: previousCycle }))?.state ?? null) : null;
    const { facts, rows } = evaluateCycle(certificant.state, own, merged, previous, asOf);
    this.cycles.set(id, { ...own, facts, asOf });
    this.changed.add(id);
    if (rows.length > 0) await statusRows.insert(rows);
  }
}

export const cycleStatusProjection: Projection = {
  name: 'cycle_status',
  version: 1,
  tables: [CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity],
  handles: (type) => CERTIFICANT_EVENTS.has(type) || CYCLE_EVENTS.has(type) || AUDIT_EVENTS.has(type),
  async apply(events, manager) {
    const batch = new CycleStatusBatch(manager);
    for (const event of events) await batch.apply(event);
    await batch.flush();
  },
};
