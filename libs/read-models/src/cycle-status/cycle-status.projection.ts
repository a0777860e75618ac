import {
  CERTIFICANT_EVENT_VERSIONS,
  CYCLE_EVENT_VERSIONS,
  cycleOf,
  cycleStatusOfRecords,
  evolveCertificant,
  evolveCycle,
  initialCertificantState,
  initialCycleState,
  nextCycleOf,
  policyFor,
  PolicyNotFound,
  type AuditEvent,
  type CertificantEvent,
  type CycleEvent,
  type CycleName,
  type CycleRecords,
} from '@recert/domain';
import type { RecordedEvent } from '@recert/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection';
import { BatchRows, RowTable } from '../row-table';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  type CycleStatusCertificantRow,
  type CycleStatusCycleRow,
  type CycleStatusRow,
} from './cycle-status.entities';
import { cycleRecordsFrom, remembered } from './cycle-records';

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

/**
 * Pure: the status rows of one certificant's cycle as of `asOf`, judged by the domain on its
 * records (`cycleRecordsFrom`). No rule here: `cycleStatusOfRecords`, called.
 */
function statusRowsOf(certificantId: string, records: CycleRecords, asOf: string): CycleStatusRow[] {
  const status = cycleStatusOfRecords(records, asOf);
  return status.certifications.map<CycleStatusRow>((c) => ({
    certificantId,
    cycle: records.cycle,
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
}

function emptyCycleRow(key: { certificantId: string; cycle: string }): CycleStatusCycleRow {
  return { certificantId: key.certificantId, cycle: key.cycle, state: initialCycleState, lastRevision: -1, audit: null, asOf: null };
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

const hasPolicy = remembered((cycle) => {
  try {
    policyFor(cycle);
    return true;
  } catch (error) {
    if (error instanceof PolicyNotFound) return false;
    throw error;
  }
});
const followingCycleOf = remembered(nextCycleOf);

type CycleKey = { certificantId: string; cycle: CycleName };
const byKey = (a: CycleKey, b: CycleKey) =>
  a.certificantId < b.certificantId ? -1 : a.certificantId > b.certificantId ? 1 : a.cycle < b.cycle ? -1 : a.cycle > b.cycle ? 1 : 0;

/** Values by certificant and cycle, found without building a key string per lookup (a rebuild makes millions). */
class ByCycle<V> {
  private readonly byCertificant = new Map<string, Map<CycleName, V>>();

  get(key: CycleKey): V | undefined {
    return this.byCertificant.get(key.certificantId)?.get(key.cycle);
  }

  set(key: CycleKey, value: V): void {
    let mine = this.byCertificant.get(key.certificantId);
    if (!mine) this.byCertificant.set(key.certificantId, (mine = new Map()));
    mine.set(key.cycle, value);
  }

  /** The cycles of a certificant that have a value. */
  cyclesOf(certificantId: string): Iterable<CycleName> {
    return this.byCertificant.get(certificantId)?.keys() ?? [];
  }

  *values(): IterableIterator<V> {
    for (const mine of this.byCertificant.values()) yield* mine.values();
  }
}
const later = (a: string | undefined, b: string) => (a !== undefined && a > b ? a : b);

const STATUS = new RowTable(CycleStatusEntity);
const CYCLES = new RowTable(CycleStatusCycleEntity);
const CERTIFICANTS = new RowTable(CycleStatusCertificantEntity);

/** Where a touched cycle's judgement stands after the events so far, as one-event batches would leave it. */
interface Judgement {
  key: CycleKey;
  /** The business date it is judged as of; null while its certificant is not known. */
  asOf: string | null;
  /** True once judged with a known certificant: the row has its `asOf` and status rows. */
  judged: boolean;
}

/**
 * One batch, set-based, with the rows one event at a time would give (rebuilds read big batches,
 * live runners small ones, and both must agree row for row). Every row the batch can reach is
 * loaded first, in a few queries: the certificants the events name and, following merges, those
 * linked to them, then every cycle row of those certificants. The events then replay in memory in
 * log order, each touching the cycles one event would touch with what exists at that point (a
 * certificant event: that certificant's and its merged accounts' cycles and the current one; a
 * cycle event: its cycle; then the next cycle, D2.3, and the survivor's, D1.3), and keeping each
 * touched cycle's business date. `cycleStatus` runs once per touched cycle at the end, on the
 * final rows: every change to what a cycle is judged on touches that cycle, so its last judgement
 * one at a time would see the same rows. The writes are one DELETE and one INSERT of status rows
 * and one upsert per state table.
 */
class CycleStatusBatch {
  private readonly certificants: BatchRows<CycleStatusCertificantRow>;
  /** Every cycle row of the certificants in `cyclesLoaded`: a key missing here has no row. */
  private readonly cycles = new ByCycle<CycleStatusCycleRow>();
  private readonly cyclesLoaded = new Set<string>();
  /** Keys of the cycle rows stored before this batch: the others are new rows. */
  private readonly storedCycles = new ByCycle<true>();
  private readonly changedCycles = new ByCycle<CycleKey>();
  private readonly judgements = new ByCycle<Judgement>();

  constructor(private readonly manager: EntityManager) {
    this.certificants = new BatchRows(CERTIFICANTS, manager);
  }

  async run(events: RecordedEvent[]): Promise<void> {
    await this.load(events);
    for (const event of events) this.replay(event);
    await this.write();
  }

  // --- loading ---------------------------------------------------------------------------

  private async load(events: RecordedEvent[]): Promise<void> {
    let wanted = new Set<string>();
    for (const event of events) {
      if (!CERTIFICANT_EVENTS.has(event.type)) wanted.add(cycleKeyOf(event).certificantId);
      else {
        wanted.add(certificantIdOf(event));
        if (event.type === 'AccountsMerged') {
          const { survivorId, duplicateId } = event.data as { survivorId: string; duplicateId: string };
          wanted.add(survivorId).add(duplicateId);
        }
      }
    }
    // Merges link certificants: follow them until every linked row is loaded (chains are short).
    const known = new Set<string>();
    while (wanted.size > 0) {
      await this.certificants.load([...wanted].map((certificantId) => ({ certificantId })));
      for (const id of wanted) known.add(id);
      const linked = new Set<string>();
      for (const id of wanted) {
        const state = this.certificants.get({ certificantId: id })?.state;
        for (const other of [...(state?.mergedDuplicates ?? []), ...(state?.mergedInto ? [state.mergedInto] : [])]) {
          if (!known.has(other)) linked.add(other);
        }
      }
      wanted = linked;
    }
    const ids = [...known];
    for (const row of await CYCLES.load(this.manager, ids.map((certificantId) => ({ certificantId })), ['certificantId'])) {
      this.putCycle(row);
      this.storedCycles.set(row, true);
    }
    for (const id of ids) this.cyclesLoaded.add(id);
  }

  private certificant(certificantId: string): CycleStatusCertificantRow | null {
    return this.certificants.get({ certificantId });
  }

  private cycle(key: CycleKey): CycleStatusCycleRow | null {
    if (!this.cyclesLoaded.has(key.certificantId)) throw new Error(`Cycles of ${key.certificantId} were not loaded for this batch.`);
    return this.cycles.get(key) ?? null;
  }

  private putCycle(row: CycleStatusCycleRow): void {
    this.cycles.set(row, row);
  }

  private setCycle(row: CycleStatusCycleRow): void {
    this.putCycle(row);
    this.changedCycles.set(row, row);
  }

  // --- replay ----------------------------------------------------------------------------

  /** What one event alone would do: fold, find the cycles it touches, judge them (here: note the date). */
  private replay(event: RecordedEvent): void {
    const asOf = businessDateOf(event);
    const touched = new ByCycle<CycleKey>();
    const touch = (key: CycleKey) => touched.set(key, key);
    if (CERTIFICANT_EVENTS.has(event.type)) {
      const certificantId = certificantIdOf(event);
      const row = this.certificant(certificantId);
      const next = projectCycleStatusCertificant(row, event);
      if (next === row) return;
      this.certificants.set(next);
      const current = cycleOf(asOf);
      const started = next.state.certifications.length > 0 && hasPolicy(current);
      for (const id of [certificantId, ...(next.state.mergedInto ? [next.state.mergedInto] : [])]) {
        const certificant = this.certificant(id);
        if (!certificant) continue;
        // Every cycle on record for the certificant or its merged duplicates, and the current one.
        const owners = [id, ...certificant.state.mergedDuplicates];
        const cycles = new Set(owners.flatMap((owner) => [...this.cycles.cyclesOf(owner)]));
        if (started) cycles.add(current);
        for (const cycle of cycles) touch({ certificantId: id, cycle });
      }
    } else {
      const key = cycleKeyOf(event);
      const row = this.cycle(key);
      const next = projectCycleStatusCycle(row, event);
      if (next === row) return;
      this.setCycle(next);
      touch(key);
    }
    for (const key of [...touched.values()]) {
      // D2.3: the next cycle's `countsFrom` depends on this one's completion.
      const following = { certificantId: key.certificantId, cycle: followingCycleOf(key.cycle) };
      if (this.cycle(following)) touch(following);
      // D1.3: a merged duplicate's cycle counts on the survivor's.
      const mergedInto = this.certificant(key.certificantId)?.state.mergedInto;
      if (mergedInto) touch({ certificantId: mergedInto, cycle: key.cycle });
    }
    for (const key of touched.values()) this.judge(key, asOf);
  }

  /**
   * A judgement as of `eventDate`, deferred: with a known certificant the cycle is judged (its row
   * exists from now on) as of the later of its date and this one; without, it holds no facts.
   */
  private judge(key: CycleKey, eventDate: string): void {
    const row = this.cycle(key);
    let judgement = this.judgements.get(key);
    if (!judgement) this.judgements.set(key, (judgement = { key, asOf: row?.asOf ?? null, judged: (row?.asOf ?? null) !== null }));
    const certificant = this.certificant(key.certificantId);
    if (!certificant || certificant.state.status === 'unregistered') {
      // The cycle stream may be read before its certificant (no ordering across streams).
      judgement.asOf = judgement.judged ? null : judgement.asOf;
      judgement.judged = false;
      return;
    }
    judgement.asOf = later(judgement.asOf ?? undefined, eventDate);
    judgement.judged = true;
    if (!row) this.putCycle(emptyCycleRow(key));
  }

  // --- writing ---------------------------------------------------------------------------

  private async write(): Promise<void> {
    const statusRows: CycleStatusRow[] = [];
    for (const { key, asOf, judged } of this.judgements.values()) {
      const own = this.cycle(key) ?? emptyCycleRow(key);
      if (!judged || asOf === null) {
        if (own.asOf !== null) this.setCycle({ ...own, asOf: null });
        continue;
      }
      const certificant = this.certificant(key.certificantId)!;
      const records = cycleRecordsFrom(certificant.state, key.certificantId, key.cycle, (certificantId, cycle) => this.cycle({ certificantId, cycle }) ?? undefined);
      if (own.asOf !== asOf || this.changedCycles.get(key)) this.setCycle({ ...own, asOf });
      statusRows.push(...statusRowsOf(key.certificantId, records, asOf));
    }
    await STATUS.delete(this.manager, [...this.judgements.values()].map(({ key }) => key), ['certificantId', 'cycle']);
    await STATUS.insertNew(this.manager, statusRows);
    await this.certificants.save();
    await CYCLES.upsert(
      this.manager,
      [...this.changedCycles.values()].sort(byKey).map((key) => this.cycles.get(key)!),
      (row) => !this.storedCycles.get(row),
    );
  }
}

const certificantIdOf = (event: RecordedEvent) => event.streamId.slice(CERTIFICANT_PREFIX.length);

export const cycleStatusProjection: Projection = {
  name: 'cycle_status',
  version: 1,
  tables: [CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity],
  handles: (type) => CERTIFICANT_EVENTS.has(type) || CYCLE_EVENTS.has(type) || AUDIT_EVENTS.has(type),
  async apply(events, manager) {
    await new CycleStatusBatch(manager).run(events);
  },
};
