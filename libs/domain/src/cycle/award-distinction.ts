import { refuse } from '../shared/errors';
import { requireCycleOfPolicy, statusOf, type AwardDistinction, type CycleContext } from './commands';
import type { DistinctionAwarded } from './events';
import type { CycleState } from './state';

/** D8: eligibility is `cycleStatus`'s; this records the award once per cycle. */
export function awardDistinction(command: AwardDistinction, state: CycleState, context: CycleContext): DistinctionAwarded[] {
  requireCycleOfPolicy(command, context);
  if (state.distinctionAwardedOn !== null) return [];
  const status = statusOf(state, command, context, context.today);
  if (!status.distinction.eligible) {
    refuse('DISTINCTION_NOT_EARNED', `Recertification with Distinction is not earned: ${status.distinction.reasons.join('; ')}.`, {
      reasons: status.distinction.reasons,
    });
  }
  return [
    {
      type: 'DistinctionAwarded',
      data: {
        awardedOn: context.today,
        certifications: status.certifications.filter((c) => c.status === 'Complete' || c.status === 'CompleteLate').map((c) => c.certification),
        bodyActivityTenths: status.distinction.bodyActivityTenths,
        requiredTenths: status.distinction.requiredTenths,
      },
    },
  ];
}
