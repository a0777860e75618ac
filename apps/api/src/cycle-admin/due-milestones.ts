import { policies as publishedPolicies, type BusinessDate, type CycleName, type CyclePolicy } from '@recert/domain';

export type Milestone = 'close' | 'expire';

export interface DueMilestone {
  milestone: Milestone;
  cycle: CycleName;
}

/**
 * What the daily check must have done as of the business date `asOf` (D2.3, D2.4): every cycle
 * whose deadline (`endsOn`, the end of December 31) has passed is closed, and every cycle whose
 * late window (`lateWindowEndsOn`) has passed is expired. Oldest cycle first, each cycle's close
 * before its expiry (expiry needs the close). Pure; close and expiry are idempotent, so what was
 * already done is harmless to list again.
 */
export function dueMilestones(asOf: BusinessDate, policies: readonly CyclePolicy[] = publishedPolicies): DueMilestone[] {
  const latest = new Map<CycleName, CyclePolicy>();
  for (const policy of policies) {
    const known = latest.get(policy.cycle);
    if (!known || policy.version > known.version) latest.set(policy.cycle, policy);
  }
  return [...latest.values()]
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn))
    .flatMap((policy): DueMilestone[] => [
      ...(asOf > policy.endsOn ? [{ milestone: 'close' as const, cycle: policy.cycle }] : []),
      ...(asOf > policy.lateWindowEndsOn ? [{ milestone: 'expire' as const, cycle: policy.cycle }] : []),
    ]);
}
