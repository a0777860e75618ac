/** Builders for status tests: a cycle's facts in a few lines. Test support only. */
import type { ActivityInput } from '../policy/value-activity';
import { valueActivity } from '../policy/value-activity';
import type { CyclePolicy } from '../policy/policy';
import type { BusinessDate, Certification, Reporter } from '../shared/types';
import { emptyCycleFacts, type ActivityFact, type CycleFacts, type FeeFact } from './cycle-facts';

let sequence = 0;

/** An activity as `valueActivity` would value it, reported on `reportedOn`. */
export function reported(
  policy: CyclePolicy,
  input: Partial<ActivityInput> & Pick<ActivityInput, 'activityType' | 'activityDate'>,
  extra: Partial<ActivityFact> & { reportedOn?: BusinessDate; reportedBy?: Reporter } = {},
): ActivityFact {
  const full: ActivityInput = { title: `${input.activityType} on ${input.activityDate}`, ...input };
  const reporter = extra.reportedBy ?? 'certificant';
  const valued = valueActivity(policy, full, reporter);
  if (!valued.ok) throw new Error(`fixture refused: ${valued.code} ${valued.message}`);
  sequence += 1;
  return {
    activityId: `act-${String(sequence).padStart(4, '0')}`,
    activityType: full.activityType,
    activityDate: full.activityDate,
    title: full.title,
    ...(full.provider !== undefined ? { provider: full.provider } : {}),
    category: valued.category,
    tenths: valued.tenths,
    reportedBy: reporter,
    reportedOn: extra.reportedOn ?? full.activityDate,
    bodyRecorded: valued.bodyRecorded,
    ...(full.eventRef !== undefined ? { eventRef: full.eventRef } : {}),
    ...(full.externalRef !== undefined ? { externalRef: full.externalRef } : {}),
    ...extra,
  };
}

/** Event attendance worth `tenths` (one hour per tenth). */
export function attended(policy: CyclePolicy, activityDate: BusinessDate, tenths: number, extra: Partial<ActivityFact> = {}): ActivityFact {
  return reported(policy, { activityType: 'event-attendance', activityDate, hours: tenths, title: `Clinic ${activityDate} ${tenths}` }, extra);
}

export function firstAid(policy: CyclePolicy, activityDate: BusinessDate, extra: Partial<ActivityFact> = {}): ActivityFact {
  return reported(policy, { activityType: 'first-aid', activityDate, title: `First Aid ${activityDate}` }, extra);
}

export function recertificationFee(certification: Certification, amountCents: number, paidOn: BusinessDate): FeeFact {
  return { feeType: 'recertification', certification, amountCents, paidOn };
}

export function factsFor(policy: CyclePolicy, patch: Partial<CycleFacts>): CycleFacts {
  return { ...emptyCycleFacts(policy.cycle, true), ...patch };
}
