import {
  cycleDecider,
  cycleStream,
  evolveCycle,
  importDecider,
  importStream,
  type ActivityWithdrawn,
  type Actor,
  type CycleName,
  type DecisionContext,
  type WithdrawActivity,
} from '@recert/domain';
import { WrongExpectedRevision, type EventStore, type StreamAppend } from '@recert/event-store';
import { ImportLedger } from './import-ledger';
import type { ImportClock } from './run-import';
import { StreamStates } from './stream-states';
import { cycleContextOf, previousCycleOf } from '@recert/domain';

export interface RevertImportRequest {
  importId: string;
  reason: string;
  actor: Actor;
}

export interface RevertImportResult {
  importId: string;
  /** Activities the import recorded (ImportReverted lists them). */
  activities: number;
  /** Withdrawn by this run. */
  withdrawn: number;
  /** Already withdrawn (an earlier, interrupted run of this revert, or by staff). */
  alreadyWithdrawn: number;
}

const MAX_ATTEMPTS = 5;

/**
 * `POST /imports/:id/revert` (docs/domain-commands.md, Import): RevertImport records
 * ImportReverted with the activities the import accepted, then each is withdrawn on its cycle
 * stream (WithdrawActivity with the import id), in batches of one transaction each. History is
 * kept: the activities stay, withdrawn. Running it again withdraws what an interrupted run did
 * not reach and nothing twice (a withdrawn activity decides `[]`).
 */
export async function revertImport(
  deps: { store: EventStore; clock: ImportClock },
  request: RevertImportRequest,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void | Promise<void> } = {},
): Promise<RevertImportResult> {
  const { store } = deps;
  const decision: DecisionContext = { today: deps.clock.today(), now: deps.clock.now().toISOString(), actor: request.actor };
  const metadata = { actor: request.actor, source: `import:${request.importId}`, correlationId: request.importId, causationId: null };
  const ledger = await ImportLedger.load(store, request.importId, { keepAccepted: true });
  for (let attempt = 1; !ledger.reverted; attempt++) {
    const events = importDecider.decide({ type: 'RevertImport', importId: request.importId, reason: request.reason }, ledger.revertState(), decision);
    try {
      await store.append(importStream(request.importId), events.map((e) => ({ type: e.type, data: e.data, metadata })), {
        expectedRevision: ledger.revision,
      });
      for (const event of events) ledger.apply(event);
    } catch (error) {
      // Rows recorded meanwhile by a still-running import: read them and list them too.
      if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
      await ledger.catchUp(store);
    }
  }
  const { activities, reason } = ledger.reverted;
  const states = new StreamStates(store, 5_000);
  const batchSize = options.batchSize ?? 500;
  const result: RevertImportResult = { importId: request.importId, activities: activities.length, withdrawn: 0, alreadyWithdrawn: 0 };
  for (let from = 0; from < activities.length; from += batchSize) {
    const batch = activities.slice(from, from + batchSize);
    for (let attempt = 1; ; attempt++) {
      const byStream = new Map<string, { certificantId: string; cycle: CycleName; events: ActivityWithdrawn[]; base: number }>();
      let already = 0;
      // Every stream the batch is decided on, in two queries rather than one read per activity.
      await Promise.all([
        states.loadCertificants(batch.map((a) => a.certificantId)),
        states.loadCycles(
          batch.flatMap((a): [string, CycleName][] => {
            const previous = previousCycleOf(a.cycle);
            return previous ? [[a.certificantId, a.cycle], [a.certificantId, previous]] : [[a.certificantId, a.cycle]];
          }),
        ),
      ]);
      for (const activity of batch) {
        const streamId = cycleStream(activity.certificantId, activity.cycle);
        const folded = await states.cycle(activity.certificantId, activity.cycle);
        const entry = byStream.get(streamId) ?? { certificantId: activity.certificantId, cycle: activity.cycle, events: [], base: folded.revision };
        byStream.set(streamId, entry);
        const state = entry.events.reduce(evolveCycle, folded.state);
        const certificant = (await states.certificant(activity.certificantId)).state;
        const previousCycle = previousCycleOf(activity.cycle);
        const context = cycleContextOf(
          {
            cycle: activity.cycle,
            certificant,
            own: state,
            merged: [],
            previous: previousCycle ? (await states.cycle(activity.certificantId, previousCycle)).state : null,
            audit: null,
          },
          decision,
        );
        const command: WithdrawActivity = {
          type: 'WithdrawActivity',
          certificantId: activity.certificantId,
          cycle: activity.cycle,
          activityId: activity.activityId,
          reason: `Import ${request.importId} reverted: ${reason}`,
          importId: request.importId,
        };
        const events = cycleDecider.decide(command, state, context) as ActivityWithdrawn[];
        if (events.length === 0) already++;
        entry.events.push(...events);
      }
      const appends: StreamAppend[] = [...byStream]
        .filter(([, entry]) => entry.events.length > 0)
        .map(([streamId, entry]) => ({
          streamId,
          events: entry.events.map((e) => ({ type: e.type, data: e.data, metadata })),
          options: { expectedRevision: entry.base < 0 ? 'no_stream' : entry.base },
        }));
      try {
        await store.appendBatch(appends);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        states.clear();
        continue;
      }
      for (const [streamId, entry] of byStream) {
        const folded = await states.cycle(entry.certificantId, entry.cycle);
        states.putCycle(streamId, { state: entry.events.reduce(evolveCycle, folded.state), revision: entry.base + entry.events.length });
      }
      result.withdrawn += batch.length - already;
      result.alreadyWithdrawn += already;
      await options.onProgress?.(Math.min(from + batchSize, activities.length), activities.length);
      break;
    }
  }
  return result;
}
