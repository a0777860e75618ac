import {
  addDays,
  certificationsForCycle,
  cycleBounds,
  cycleFactsOf,
  cycleOf,
  cycleStatus,
  cycleStream,
  examsPassedOf,
  heldCertifications,
  initialCycleState,
  policyFor,
  PolicyNotFound,
  type BusinessDate,
  type CertificantState,
  type CycleContext,
  type CycleFacts,
  type CycleName,
  type CyclePolicy,
  type CycleState,
  type CycleStatus,
} from '@recert/domain';
import type { AuditRecord, History } from './history';

/** One certificant in one cycle, as `cycleStatus` decides it on the report's `asOf`. */
export interface CycleEvaluation {
  certificantId: string;
  cycle: CycleName;
  facts: CycleFacts;
  status: CycleStatus;
}

export function policyOrNull(cycle: CycleName): CyclePolicy | null {
  try {
    return policyFor(cycle);
  } catch (error) {
    if (error instanceof PolicyNotFound) return null;
    throw error;
  }
}

/** The cycle before this one, when a policy exists for it (D2.3 `countsFrom`). */
function previousCycleOf(cycle: CycleName): CycleName | null {
  const previous = cycleOf(addDays(cycleBounds(cycle).startsOn, -1));
  return policyOrNull(previous) ? previous : null;
}

/**
 * The cycles a report covers when none is asked for: every cycle the log mentions (cycle streams,
 * audits, appeals) plus the cycle of `asOf`, that has a policy and has begun by `asOf`.
 */
export function cyclesOnRecord(history: History, asOf: BusinessDate): CycleName[] {
  const cycles = new Set<CycleName>([cycleOf(asOf)]);
  for (const record of history.cycles.values()) cycles.add(record.cycle);
  for (const { state } of history.audits.values()) if (state.cycle) cycles.add(state.cycle);
  for (const { state } of history.appeals.values()) if (state.cycle) cycles.add(state.cycle);
  return [...cycles].filter((cycle) => {
    const policy = policyOrNull(cycle);
    return policy !== null && policy.startsOn <= asOf;
  }).sort();
}

/** Audits by `certificantId|cycle`, built once per report. */
export function auditsByCycle(history: History): Map<string, AuditRecord[]> {
  const index = new Map<string, AuditRecord[]>();
  for (const record of history.audits.values()) {
    const { certificantId, cycle } = record.state;
    if (!certificantId || !cycle) continue;
    const key = `${certificantId}|${cycle}`;
    const list = index.get(key);
    if (list) list.push(record);
    else index.set(key, [record]);
  }
  return index;
}

/** The audit `cycleStatus` is told about: the latest selected by `asOf` (it applies `asOf` to its outcome itself). */
function auditFact(records: AuditRecord[] | undefined, asOf: BusinessDate): CycleFacts['audit'] {
  let chosen: AuditRecord | undefined;
  for (const record of records ?? []) {
    const { selectedOn, auditId } = record.state;
    if (selectedOn === null || selectedOn > asOf) continue;
    const best = chosen?.state;
    if (!best || selectedOn > best.selectedOn! || (selectedOn === best.selectedOn && auditId! > best.auditId!)) chosen = record;
  }
  if (!chosen) return null;
  const { auditId, status, selectedOn } = chosen.state;
  return {
    auditId: auditId!,
    status: status === 'passed' || status === 'failed' ? status : 'open',
    selectedOn: selectedOn!,
    ...(chosen.closedOn !== null ? { closedOn: chosen.closedOn } : {}),
  };
}

/**
 * Every registered certificant (merged duplicates count on their survivor, D1.3) holding a
 * certification by `asOf`, in each of `cycles`, evaluated by the domain: the context and facts
 * are composed the way the cycle decider and the cycle-status projection compose them
 * (`certificationsForCycle`, `cycleFactsOf`), and `cycleStatus` decides. Sorted by cycle, then
 * certificant id, so the same history always yields the same list.
 */
export function evaluateCycles(history: History, cycles: CycleName[], asOf: BusinessDate): CycleEvaluation[] {
  const audits = auditsByCycle(history);
  const certificantIds = [...history.certificants.keys()].sort();
  const evaluations: CycleEvaluation[] = [];
  for (const cycle of [...cycles].sort()) {
    const policy = policyFor(cycle);
    const previousCycle = previousCycleOf(cycle);
    const previousPolicy = previousCycle ? policyFor(previousCycle) : null;
    for (const certificantId of certificantIds) {
      const certificant = history.certificants.get(certificantId)!;
      if (certificant.status !== 'registered') continue;
      const held = heldCertifications(certificant).filter((c) => c.earnedOn <= asOf && c.earnedOn <= policy.endsOn);
      if (held.length === 0) continue;
      const previous = previousCycle && previousPolicy ? stateOf(history, certificantId, previousCycle) : null;
      const context: CycleContext = {
        today: asOf,
        now: `${asOf}T12:00:00.000Z`,
        actor: 'system',
        policy,
        certifications: certificationsForCycle(held, previous && previousPolicy ? { state: previous, policy: previousPolicy } : undefined),
        member: certificant.memberId !== null,
        examPassed: examsPassedOf(certificant),
        audit: auditFact(audits.get(`${certificantId}|${cycle}`), asOf),
        merged: mergedStates(history, certificant, cycle),
      };
      const facts = cycleFactsOf(stateOf(history, certificantId, cycle) ?? initialCycleState, { cycle }, context);
      evaluations.push({ certificantId, cycle, facts, status: cycleStatus(facts, policy, asOf) });
    }
  }
  return evaluations;
}

function stateOf(history: History, certificantId: string, cycle: CycleName): CycleState | null {
  return history.cycles.get(cycleStream(certificantId, cycle))?.state ?? null;
}

function mergedStates(history: History, certificant: CertificantState, cycle: CycleName): CycleState[] {
  const states: CycleState[] = [];
  for (const duplicateId of certificant.mergedDuplicates) {
    const state = stateOf(history, duplicateId, cycle);
    if (state) states.push(state);
  }
  return states;
}
