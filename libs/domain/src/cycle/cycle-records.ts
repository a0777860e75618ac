import { examsPassedOf, heldCertifications, type CertificantState } from '../certificant/state';
import { cycleBounds, cycleOf, policyFor, PolicyNotFound } from '../policy';
import type { DecisionContext } from '../shared/decider';
import { addDays } from '../shared/dates';
import type { CycleName } from '../shared/types';
import { cycleStatus, type CycleFacts, type CycleStatus } from '../status';
import { cycleFactsOf, type CycleContext } from './commands';
import { certificationsForCycle } from './cycle-facts';
import type { CycleState } from './state';

/**
 * Everything a certificant's cycle is judged on, gathered from its streams (or from the cycle-status
 * read model, which keeps the same states): the certificant, the cycle, the same cycle of merged
 * accounts (D1.3), the previous cycle (D2.3 `countsFrom`) and the audit (D5).
 */
export interface CycleRecords {
  cycle: CycleName;
  certificant: CertificantState;
  own: CycleState;
  merged: CycleState[];
  previous: CycleState | null;
  audit: CycleFacts['audit'];
}

const previousCycles = new Map<CycleName, CycleName | null>();

/**
 * The cycle before this one, when a policy exists for it. Policies are code, so the answer is
 * remembered per cycle: judging a cycle asks it, a rebuild millions of times, and a cycle without
 * a previous policy would otherwise throw and catch PolicyNotFound each time.
 */
export function previousCycleOf(cycle: CycleName): CycleName | null {
  let previous = previousCycles.get(cycle);
  if (previous === undefined) {
    previous = cycleOf(addDays(cycleBounds(cycle).startsOn, -1));
    try {
      policyFor(previous);
    } catch (error) {
      if (!(error instanceof PolicyNotFound)) throw error;
      previous = null;
    }
    previousCycles.set(cycle, previous);
  }
  return previous;
}

/** The cycle decider's context from the records: composition of domain functions, no rule here. */
export function cycleContextOf(records: CycleRecords, decision: DecisionContext): CycleContext {
  const policy = policyFor(records.cycle);
  const previousCycle = previousCycleOf(records.cycle);
  const previous = records.previous && previousCycle ? { state: records.previous, policy: policyFor(previousCycle) } : undefined;
  return {
    ...decision,
    policy,
    certifications: certificationsForCycle(heldCertifications(records.certificant), previous),
    member: records.certificant.memberId !== null,
    examPassed: examsPassedOf(records.certificant),
    audit: records.audit,
    merged: records.merged,
  };
}

/** `cycleStatus` as of a date: the one status function, called. */
export function cycleStatusOfRecords(records: CycleRecords, asOf: string): CycleStatus {
  const context = cycleContextOf(records, { today: asOf, now: `${asOf}T12:00:00.000Z`, actor: 'system' });
  return cycleStatus(cycleFactsOf(records.own, { cycle: records.cycle }, context), context.policy, asOf);
}
