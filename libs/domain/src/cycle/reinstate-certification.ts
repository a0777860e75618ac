import { refuse } from '../shared/errors';
import type { CycleContext, ReinstateCertification } from './commands';
import type { CertificationReinstated } from './events';
import type { CycleState } from './state';

/** D6.3: a granted appeal reinstates an expired certification (D2.4). */
export function reinstateCertification(command: ReinstateCertification, state: CycleState, context: CycleContext): CertificationReinstated[] {
  if (state.reinstated.some((r) => r.appealId === command.appealId)) return [];
  if (!state.expired.some((e) => e.certification === command.certification)) {
    refuse('CERTIFICATION_NOT_EXPIRED', `${command.certification} has not expired in ${command.cycle}; there is nothing to reinstate.`);
  }
  return [
    {
      type: 'CertificationReinstated',
      data: { certification: command.certification, reinstatedOn: command.reinstatedOn ?? context.today, appealId: command.appealId },
    },
  ];
}
