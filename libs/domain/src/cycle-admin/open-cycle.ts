import type { CycleAdminContext, OpenCycle } from './commands';
import type { CycleOpened } from './events';
import type { CycleAdminState } from './state';

/** Records which policy version is in force for the cycle, so a replay uses the same one. */
export function openCycle(command: OpenCycle, state: CycleAdminState, context: CycleAdminContext): CycleOpened[] {
  if (state.opened) return [];
  return [{ type: 'CycleOpened', data: { cycle: command.cycle, policyVersion: context.policy.version, openedOn: context.today } }];
}
