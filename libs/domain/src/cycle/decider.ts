import type { Decider } from '../shared/decider';
import { awardDistinction } from './award-distinction';
import type { CycleCommand, CycleContext } from './commands';
import { completeCycle } from './complete-cycle';
import { disallowActivity } from './disallow-activity';
import type { CycleEvent } from './events';
import { expireCertification } from './expire-certification';
import { grantExtension } from './grant-extension';
import { payFee } from './pay-fee';
import { reinstateCertification } from './reinstate-certification';
import { reportActivity } from './report-activity';
import { startLateReporting } from './start-late-reporting';
import { evolveCycle, initialCycleState, type CycleState } from './state';
import { withdrawActivity } from './withdraw-activity';

export const cycleDecider: Decider<CycleCommand, CycleEvent, CycleState, CycleContext> = {
  initialState: initialCycleState,
  evolve: evolveCycle,
  decide(command, state, context): CycleEvent[] {
    switch (command.type) {
      case 'ReportActivity':
        return reportActivity(command, state, context);
      case 'WithdrawActivity':
        return withdrawActivity(command, state, context);
      case 'DisallowActivity':
        return disallowActivity(command, state, context);
      case 'PayFee':
        return payFee(command, state, context);
      case 'CompleteCycle':
        return completeCycle(command, state, context);
      case 'StartLateReporting':
        return startLateReporting(command, state, context);
      case 'ExpireCertification':
        return expireCertification(command, state, context);
      case 'ReinstateCertification':
        return reinstateCertification(command, state, context);
      case 'GrantExtension':
        return grantExtension(command, state, context);
      case 'AwardDistinction':
        return awardDistinction(command, state, context);
    }
  },
};
