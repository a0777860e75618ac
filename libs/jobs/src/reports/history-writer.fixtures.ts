/**
 * Writes realistic histories for the report tests and the replay bench: every event comes from
 * the domain's deciders (decide, then evolve), so a report replays what the application would
 * have recorded. Events are buffered per stream and written with `appendBatch` at each expected
 * revision. Not exported from the library.
 */
import {
  appealDecider,
  auditDecider,
  certificantDecider,
  certificationsForCycle,
  cycleDecider,
  cycleStream,
  certificantStream,
  auditStream,
  appealStream,
  examsPassedOf,
  heldCertifications,
  policyFor,
  recertificationFeeCents,
  statusOf,
  type Actor,
  type ActivityInput,
  type AppealRemedy,
  type AppealState,
  type AuditState,
  type BusinessDate,
  type CertificantState,
  type Certification,
  type CycleContext,
  type CycleName,
  type CycleState,
  type Decider,
  type DecisionContext,
} from '@recert/domain';
import type { EventStore, NewEvent, StreamAppend } from '@recert/event-store';

interface Stream {
  state: unknown;
  revision: number;
  pending: NewEvent[];
}

const STAFF: Actor = { id: 'staff-reports', role: 'admin' };

export class HistoryWriter {
  private readonly streams = new Map<string, Stream>();
  private pending = 0;

  private context(today: BusinessDate): DecisionContext {
    return { today, now: `${today}T12:00:00.000Z`, actor: STAFF };
  }

  private stream(streamId: string, initial: unknown): Stream {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { state: initial, revision: -1, pending: [] };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private decide<C, E extends { type: string; data: unknown }, S, X>(decider: Decider<C, E, S, X>, streamId: string, command: C, context: X, occurredAt: BusinessDate): void {
    const stream = this.stream(streamId, decider.initialState);
    const events = decider.decide(command, stream.state as S, context);
    for (const event of events) {
      stream.state = decider.evolve(stream.state as S, event);
      stream.pending.push({ type: event.type, data: event.data, metadata: { occurredAt: occurredAt, source: 'cli', actor: STAFF } });
      this.pending++;
    }
  }

  certificant(certificantId: string): CertificantState {
    return this.stream(certificantStream(certificantId), certificantDecider.initialState).state as CertificantState;
  }

  private cycleContext(certificantId: string, cycle: CycleName, today: BusinessDate): CycleContext {
    const certificant = this.certificant(certificantId);
    return {
      ...this.context(today),
      policy: policyFor(cycle),
      certifications: certificationsForCycle(heldCertifications(certificant)),
      member: certificant.memberId !== null,
      examPassed: examsPassedOf(certificant),
      audit: null,
      merged: [],
    };
  }

  /** Registered, certified on `earnedOn`, documents received the same day (D1.2). */
  register(certificantId: string, options: { on: BusinessDate; memberId?: string | null; certifications: { certification: Certification; earnedOn: BusinessDate }[] }): void {
    const streamId = certificantStream(certificantId);
    const ctx = this.context(options.on);
    this.decide(certificantDecider, streamId, { type: 'RegisterCertificant', certificantId, firstName: 'Pat', lastName: `Lee ${certificantId}`, email: `${certificantId}@example.org`, memberId: options.memberId ?? null }, ctx, options.on);
    for (const { certification, earnedOn } of options.certifications) {
      this.decide(certificantDecider, streamId, { type: 'EarnCertification', certificantId, certification, earnedOn }, ctx, options.on);
      this.decide(certificantDecider, streamId, { type: 'ReceiveCertificationDocuments', certificantId, certification, documents: ['transcript'], receivedOn: options.on }, ctx, options.on);
    }
  }

  /** D1.3: AccountsMerged on both streams, the duplicate's state given to the survivor's decision. */
  merge(survivorId: string, duplicateId: string, on: BusinessDate): void {
    const command = { type: 'MergeAccounts' as const, survivorId, duplicateId, mergedOn: on };
    const duplicate = this.certificant(duplicateId);
    this.decide(certificantDecider, certificantStream(survivorId), command, { ...this.context(on), duplicate }, on);
    this.decide(certificantDecider, certificantStream(duplicateId), command, this.context(on), on);
  }

  report(certificantId: string, cycle: CycleName, activityId: string, input: ActivityInput, on: BusinessDate): void {
    const command = { type: 'ReportActivity' as const, certificantId, cycle, activityId, reportedBy: 'staff' as const, reportedOn: on, ...input };
    this.decide(cycleDecider, cycleStream(certificantId, cycle), command, this.cycleContext(certificantId, cycle, on), on);
  }

  withdraw(certificantId: string, cycle: CycleName, activityId: string, on: BusinessDate): void {
    this.decide(cycleDecider, cycleStream(certificantId, cycle), { type: 'WithdrawActivity', certificantId, cycle, activityId, reason: 'reported twice' }, this.cycleContext(certificantId, cycle, on), on);
  }

  /** The recertification fee for a certification, at the policy's amount (or 75.00 where none is published). */
  payRecertificationFee(certificantId: string, cycle: CycleName, certification: Certification, feeId: string, on: BusinessDate): void {
    const context = this.cycleContext(certificantId, cycle, on);
    const held = context.certifications.find((c) => c.certification === certification);
    const amountCents = (held && recertificationFeeCents(context.policy, held.earnedOn, context.member, on)) ?? 7500;
    this.decide(cycleDecider, cycleStream(certificantId, cycle), { type: 'PayFee', certificantId, cycle, feeId, feeType: 'recertification', certification, amountCents, paidOn: on }, context, on);
  }

  selectForAudit(auditId: string, certificantId: string, cycle: CycleName, on: BusinessDate): void {
    this.decide(auditDecider, auditStream(auditId), { type: 'SelectForAudit', auditId, certificantId, cycle, reason: 'fee-paid' }, { ...this.context(on), policy: policyFor(cycle) }, on);
  }

  /** Closes the audit the way the handler does: with the cycle's status on the closing day. */
  closeAudit(auditId: string, on: BusinessDate): void {
    const audit = this.stream(auditStream(auditId), auditDecider.initialState).state as AuditState;
    const certificantId = audit.certificantId!;
    const cycle = audit.cycle!;
    const context = this.cycleContext(certificantId, cycle, on);
    const cycleState = this.stream(cycleStream(certificantId, cycle), cycleDecider.initialState).state as CycleState;
    const status = statusOf(cycleState, { cycle }, { ...context, audit: { auditId, status: 'open', selectedOn: audit.selectedOn! } }, on);
    this.decide(auditDecider, auditStream(auditId), { type: 'CloseAudit', auditId, decidedOn: on }, { ...this.context(on), policy: policyFor(cycle), cycleStatus: status }, on);
  }

  fileAppeal(appealId: string, certificantId: string, cycle: CycleName, grounds: string, on: BusinessDate, certification?: Certification): void {
    const command = { type: 'FileAppeal' as const, appealId, certificantId, cycle, grounds, statement: `Hardship: ${grounds}.`, filedOn: on, ...(certification ? { certification } : {}) };
    this.decide(appealDecider, appealStream(appealId), command, { ...this.context(on), policy: policyFor(cycle) }, on);
  }

  decideAppeal(appealId: string, decision: 'granted' | 'denied', on: BusinessDate, remedy?: AppealRemedy): void {
    const appeal = this.stream(appealStream(appealId), appealDecider.initialState).state as AppealState;
    const command = { type: 'DecideAppeal' as const, appealId, decision, rationale: `Committee decision: ${decision}.`, decidedOn: on, ...(remedy ? { remedy } : {}) };
    this.decide(appealDecider, appealStream(appealId), command, { ...this.context(on), actor: { id: 'committee-1', role: 'committee' }, policy: policyFor(appeal.cycle!) }, on);
  }

  /** Events decided and not yet written. */
  get pendingEvents(): number {
    return this.pending;
  }

  /** Writes what is pending, at most `maxEvents` per `appendBatch` (one transaction each). */
  async flush(store: EventStore, maxEvents = 10_000): Promise<number> {
    let batch: StreamAppend[] = [];
    let size = 0;
    let written = 0;
    const write = async () => {
      if (batch.length === 0) return;
      await store.appendBatch(batch);
      written += size;
      batch = [];
      size = 0;
    };
    for (const [streamId, stream] of this.streams) {
      if (stream.pending.length === 0) continue;
      batch.push({ streamId, events: stream.pending, options: { expectedRevision: stream.revision === -1 ? 'no_stream' : stream.revision } });
      size += stream.pending.length;
      stream.revision += stream.pending.length;
      stream.pending = [];
      if (size >= maxEvents) await write();
    }
    await write();
    this.pending = 0;
    return written;
  }
}
