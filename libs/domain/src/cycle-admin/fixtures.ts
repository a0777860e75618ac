import { policyFor } from '../policy/policy';
import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import type { CycleAdminContext } from './commands';
import { cycleAdminDecider } from './decider';

export const policy2018 = policyFor('2018-2020');
export const adminContext: CycleAdminContext = { ...staffContext, today: '2021-02-15', policy: policy2018 };
export const expectCycleAdmin = deciderSpec(cycleAdminDecider, adminContext);

export const closed = { type: 'CycleClosed' as const, data: { cycle: '2018-2020', closedOn: '2021-01-01' } };
