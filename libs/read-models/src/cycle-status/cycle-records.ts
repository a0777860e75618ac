import {
  initialCycleState,
  previousCycleOf,
  type CertificantState,
  type CycleFacts,
  type CycleName,
  type CycleRecords,
  type CycleState,
} from '@recert/domain';

/**
 * A pure function of a cycle's name, remembered: policies are code, so the answer never changes,
 * and a batch asks the same few cycles thousands of times (a rebuild, millions).
 */
export function remembered<R>(fn: (cycle: CycleName) => R): (cycle: CycleName) => R {
  const answers = new Map<CycleName, R>();
  return (cycle) => {
    if (!answers.has(cycle)) answers.set(cycle, fn(cycle));
    return answers.get(cycle)!;
  };
}

/** A certificant's folded cycle as the cycle-status tables keep it; undefined without a row. */
export type CycleRowLookup = (certificantId: string, cycle: CycleName) => { state: CycleState; audit: CycleFacts['audit'] } | undefined;

/**
 * The records the domain judges a certificant's cycle on, from cycle-status rows: its own cycle
 * with its audit, the same cycle of its merged duplicates in the order they were merged (D1.3;
 * the order of activities can matter to caps) and its previous cycle (D2.3 `countsFrom`). A cycle
 * without a row is an empty one; a previous cycle without a row is none. The projector, the
 * cycle-status GET and certificate readiness all gather them here, so they judge alike.
 */
export function cycleRecordsFrom(certificant: CertificantState, certificantId: string, cycle: CycleName, rowOf: CycleRowLookup): CycleRecords {
  const own = rowOf(certificantId, cycle);
  const previousCycle = previousCycleOf(cycle);
  return {
    cycle,
    certificant,
    own: own?.state ?? initialCycleState,
    merged: certificant.mergedDuplicates.map((duplicate) => rowOf(duplicate, cycle)?.state ?? initialCycleState),
    previous: (previousCycle && rowOf(certificantId, previousCycle)?.state) || null,
    audit: own?.audit ?? null,
  };
}

/** A lookup over rows at hand. */
export function cycleRowLookup(rows: Iterable<{ certificantId: string; cycle: string; state: CycleState; audit: CycleFacts['audit'] }>): CycleRowLookup {
  const byKey = new Map<string, { state: CycleState; audit: CycleFacts['audit'] }>();
  for (const row of rows) byKey.set(`${row.certificantId}\u0000${row.cycle}`, row);
  return (certificantId, cycle) => byKey.get(`${certificantId}\u0000${cycle}`);
}
