import type { Decider } from '../shared/decider';
import { closeCycle } from './close-cycle';
import type { CycleAdminCommand, CycleAdminContext } from './commands';
import { drawAudit } from './draw-audit';
import { endGracePeriod } from './end-grace-period';
import type { CycleAdminEvent } from './events';
import { openCycle } from './open-cycle';
import { evolveCycleAdmin, initialCycleAdminState, type CycleAdminState } from './state';

export const cycleAdminDecider: Decider<CycleAdminCommand, CycleAdminEvent, CycleAdminState, CycleAdminContext> = {
  initialState: initialCycleAdminState,
  evolve: evolveCycleAdmin,
  decide(command, state, context): CycleAdminEvent[] {
    switch (command.type) {
      case 'OpenCycle':
        return openCycle(command, state, context);
      case 'CloseCycle':
        return closeCycle(command, state, context);
      case 'EndGracePeriod':
        return endGracePeriod(command, state, context);
      case 'DrawAudit':
        return drawAudit(command, state, context);
    }
  },
};
