import type { CycleName } from '../shared/types';
import type { CycleAdminEvent } from './events';

export interface CycleAdminState {
  cycle: CycleName | null;
  opened: boolean;
  closed: boolean;
  gracePeriodEnded: boolean;
  draws: Record<string, { seed: string; selected: string[] }>;
}

export const initialCycleAdminState: CycleAdminState = { cycle: null, opened: false, closed: false, gracePeriodEnded: false, draws: {} };

export function evolveCycleAdmin(state: CycleAdminState, event: CycleAdminEvent): CycleAdminState {
  switch (event.type) {
    case 'CycleOpened':
      return { ...state, cycle: event.data.cycle, opened: true };
    case 'CycleClosed':
      return { ...state, cycle: event.data.cycle, closed: true };
    case 'GracePeriodEnded':
      return { ...state, cycle: event.data.cycle, gracePeriodEnded: true };
    case 'AuditDrawMade':
      return {
        ...state,
        draws: {
          ...state.draws,
          [event.data.drawId]: { seed: event.data.seed, selected: event.data.selected.map((s) => s.certificantId) },
        },
      };
  }
}
