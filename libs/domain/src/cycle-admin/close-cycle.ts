import { refuse } from '../shared/errors';
import type { CloseCycle, CycleAdminContext } from './commands';
import type { CycleClosed } from './events';
import type { CycleAdminState } from './state';

/** D2.1, D2.3: the deadline is the end of December 31; closing starts late reporting. */
export function closeCycle(command: CloseCycle, state: CycleAdminState, context: CycleAdminContext): CycleClosed[] {
  if (state.closed) return [];
  const asOf = command.asOf ?? context.today;
  if (asOf <= context.policy.endsOn) {
    refuse('CYCLE_NOT_OVER', `The ${command.cycle} cycle runs until the end of ${context.policy.endsOn}; it cannot be closed on ${asOf}.`, {
      deadline: context.policy.endsOn,
      asOf,
    });
  }
  return [{ type: 'CycleClosed', data: { cycle: command.cycle, closedOn: asOf } }];
}
