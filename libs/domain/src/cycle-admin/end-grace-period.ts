import { refuse } from '../shared/errors';
import type { CycleAdminContext, EndGracePeriod } from './commands';
import type { GracePeriodEnded } from './events';
import type { CycleAdminState } from './state';

/** D2.3, D2.4: after January 31 the not complete expire (the handler sends ExpireCertification). */
export function endGracePeriod(command: EndGracePeriod, state: CycleAdminState, context: CycleAdminContext): GracePeriodEnded[] {
  if (state.gracePeriodEnded) return [];
  const asOf = command.asOf ?? context.today;
  if (asOf <= context.policy.lateWindowEndsOn) {
    refuse(
      'GRACE_PERIOD_NOT_OVER',
      `Late reporting for ${command.cycle} is open until the end of ${context.policy.lateWindowEndsOn}; it cannot end on ${asOf}.`,
      { lateWindowEndsOn: context.policy.lateWindowEndsOn, asOf },
    );
  }
  if (!state.closed) refuse('CYCLE_NOT_CLOSED', `The ${command.cycle} cycle has not been closed yet; close it first.`);
  return [{ type: 'GracePeriodEnded', data: { cycle: command.cycle, endedOn: asOf } }];
}
