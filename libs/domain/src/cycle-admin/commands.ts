import type { CyclePolicy } from '../policy/policy';
import type { DecisionContext } from '../shared/decider';
import type { BusinessDate, CycleName } from '../shared/types';

export type OpenCycle = { type: 'OpenCycle'; cycle: CycleName };
export type CloseCycle = { type: 'CloseCycle'; cycle: CycleName; asOf?: BusinessDate };
export type EndGracePeriod = { type: 'EndGracePeriod'; cycle: CycleName; asOf?: BusinessDate };
/** `population`: the ids of those who completed (D5.1), as read by the handler. */
export type DrawAudit = {
  type: 'DrawAudit';
  cycle: CycleName;
  drawId: string;
  seed: string;
  population: string[];
  rate?: number;
  count?: number;
};

export type CycleAdminCommand = OpenCycle | CloseCycle | EndGracePeriod | DrawAudit;

export interface CycleAdminContext extends DecisionContext {
  policy: CyclePolicy;
}
