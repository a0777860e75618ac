import { refuse } from '../shared/errors';
import type { CycleContext, GrantExtension } from './commands';
import type { ExtensionGranted } from './events';
import type { CycleState } from './state';

/** D6.3: a granted appeal moves the late deadline to a date after the late window. */
export function grantExtension(command: GrantExtension, state: CycleState, context: CycleContext): ExtensionGranted[] {
  if (state.extension?.appealId === command.appealId) return [];
  const grantedOn = command.grantedOn ?? context.today;
  if (command.until <= context.policy.lateWindowEndsOn || command.until <= grantedOn) {
    refuse(
      'EXTENSION_DATE_INVALID',
      `An extension runs past the late window (${context.policy.lateWindowEndsOn}) and the decision date (${grantedOn}); ${command.until} does not.`,
      { until: command.until },
    );
  }
  return [{ type: 'ExtensionGranted', data: { until: command.until, grantedOn, appealId: command.appealId } }];
}
