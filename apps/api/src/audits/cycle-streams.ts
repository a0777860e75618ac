import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  auditStream,
  certificantDecider,
  certificantStream,
  cycleDecider,
  cycleFactsOf,
  cycleStream,
  fold,
  type ActivityFact,
  type CertificantEvent,
  type CycleCommand,
  type CycleEvent,
  type CycleFacts,
  type CycleName,
  type CycleState,
  type CycleStatus,
  type DecisionContext,
} from '@recert/domain';
import type { CommandOutcome, EventStore } from '@recert/event-store';
import { CommandRunner } from '../commands/command-runner';
import type { RequestMeta } from '../commands/request-meta';
import { Clock } from '../clock/clock';
import { EVENT_STORE } from '../database/tokens';
import { cycleContextOf, cycleStatusOfRecords, previousCycleOf, type CycleRecords } from '@recert/domain';

type StoredEvent = { type: string; data: unknown };

/**
 * A certificant's cycle as the audit and appeal handlers need it: read from the streams (so a
 * decision never rests on a lagging read model), and the follow-up commands they must send to
 * the cycle stream (docs/domain-commands.md: DisallowActivity, ExpireCertification,
 * ReinstateCertification, GrantExtension).
 */
@Injectable()
export class CycleStreams {
  /** The revision of `own` each `records()` read, so that the first `send` decides on it without reading the stream again. */
  private readonly ownReads = new WeakMap<CycleRecords, { streamId: string; revision: number }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandRunner,
    private readonly clock: Clock,
  ) {}

  async events(streamId: string): Promise<StoredEvent[]> {
    return (await this.store.readStream(streamId)).map(({ type, data }) => ({ type, data }));
  }

  async certificantExists(certificantId: string): Promise<boolean> {
    return (await this.store.readStream(certificantStream(certificantId))).length > 0;
  }

  /**
   * The certificant, this cycle and the previous one in one read of the store (merged accounts'
   * cycles, rare, in a second).
   */
  async records(certificantId: string, cycle: CycleName, audit: CycleFacts['audit'] | Promise<CycleFacts['audit']> = null): Promise<CycleRecords> {
    const previousCycle = previousCycleOf(cycle);
    const ownStream = cycleStream(certificantId, cycle);
    const previousStream = previousCycle ? cycleStream(certificantId, previousCycle) : null;
    const [read, auditFact] = await Promise.all([
      this.store.readStreams([certificantStream(certificantId), ownStream, ...(previousStream ? [previousStream] : [])]),
      audit,
    ]);
    const eventsOf = (streamId: string, from = read) => (from.get(streamId)?.events ?? []).map(({ type, data }) => ({ type, data }));
    const certificantEvents = eventsOf(certificantStream(certificantId));
    if (certificantEvents.length === 0) {
      throw new NotFoundException({ code: 'CERTIFICANT_NOT_FOUND', message: `There is no certificant ${certificantId}.` });
    }
    const certificant = fold(certificantDecider, certificantEvents as CertificantEvent[]);
    const cycleOf = (streamId: string, from = read): CycleState => fold(cycleDecider, eventsOf(streamId, from) as CycleEvent[]);
    const merged = certificant.mergedDuplicates.length === 0 ? read : await this.store.readStreams(certificant.mergedDuplicates.map((id) => cycleStream(id, cycle)));
    const records: CycleRecords = {
      cycle,
      certificant,
      own: cycleOf(ownStream),
      merged: certificant.mergedDuplicates.map((id) => cycleOf(cycleStream(id, cycle), merged)),
      previous: previousStream ? cycleOf(previousStream) : null,
      audit: auditFact,
    };
    this.ownReads.set(records, { streamId: ownStream, revision: read.get(ownStream)?.revision ?? -1 });
    return records;
  }

  /** The cycle's activities as the audit decider reads them (D5.3). */
  activities(records: CycleRecords): ActivityFact[] {
    const context = cycleContextOf(records, this.decision());
    return cycleFactsOf(records.own, { cycle: records.cycle }, context).activities;
  }

  status(records: CycleRecords, asOf: string): CycleStatus {
    return cycleStatusOfRecords(records, asOf);
  }

  /** The audit of a cycle as `CycleFacts` knows it, read from the audit stream. */
  async auditFact(auditId: string): Promise<CycleFacts['audit']> {
    const events = await this.events(auditStream(auditId));
    const selected = events.find((e) => e.type === 'AuditSelected')?.data as { selectedOn: string } | undefined;
    if (!selected) return null;
    const closed = events.find((e) => e.type === 'AuditClosed')?.data as { outcome: 'passed' | 'failed'; closedOn: string } | undefined;
    return closed
      ? { auditId, status: closed.outcome, selectedOn: selected.selectedOn, closedOn: closed.closedOn }
      : { auditId, status: 'open', selectedOn: selected.selectedOn };
  }

  /** Sends a command to `cycle-<certificantId>-<cycle>` with the context read from the streams. */
  async send(records: CycleRecords, command: CycleCommand, meta: RequestMeta): Promise<CommandOutcome<CycleEvent>> {
    const { today, now, actor, ids } = this.commands.context(meta);
    const context = cycleContextOf(records, { today, now, actor, ...(ids ? { ids } : {}) });
    const { policy, certifications, member, examPassed, audit, merged } = context;
    const streamId = cycleStream(records.certificant.certificantId ?? command.certificantId, records.cycle);
    // Once only: after this send the stream has moved on from what `records` holds.
    const read = this.ownReads.get(records);
    this.ownReads.delete(records);
    return this.commands.run(cycleDecider, streamId, command, meta, {
      extra: { policy, certifications, member, examPassed, audit, merged },
      loaded: read?.streamId === streamId ? { state: records.own, revision: read.revision } : undefined,
    });
  }

  private decision(): DecisionContext {
    return { today: this.clock.today(), now: this.clock.now().toISOString(), actor: 'system' };
  }
}

/** The global position of the last event written by a series of commands, or null. */
export function lastPosition(...outcomes: Array<CommandOutcome<unknown> | null>): number | null {
  const positions = outcomes.filter((o) => o?.position).map((o) => Number(o!.position!.globalPosition));
  return positions.length > 0 ? Math.max(...positions) : null;
}

/** A second command on the same stream in one request needs its own idempotency key (event ids derive from it). */
export function stepOf(meta: RequestMeta, step: string): RequestMeta {
  return meta.idempotencyKey ? { ...meta, idempotencyKey: `${meta.idempotencyKey}:${step}` } : meta;
}
