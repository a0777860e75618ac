import { policyFor } from '../policy/policy';
import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import type { AppealContext } from './commands';
import { appealDecider } from './decider';
import type { AppealDecided, AppealFiled } from './events';

export const committeeContext: AppealContext = {
  ...staffContext,
  today: '2021-02-10',
  actor: { id: 'committee-1', role: 'committee' },
  policy: policyFor('2018-2020'),
};
export const expectAppeal = deciderSpec(appealDecider, committeeContext);

export const filed: AppealFiled = {
  type: 'AppealFiled',
  data: {
    appealId: 'ap-1',
    certificantId: 'c-1',
    cycle: '2018-2020',
    certification: 'CSCS',
    kind: 'appeal',
    grounds: 'illness',
    statement: 'Hospitalised from October to January.',
    appealedDecision: { kind: 'audit', reference: 'au-1', decidedBy: 'auditor-1' },
    filedOn: '2021-02-10',
  },
};

export const decided = (data: Partial<AppealDecided['data']> = {}): AppealDecided => ({
  type: 'AppealDecided',
  data: {
    appealId: 'ap-1',
    certificantId: 'c-1',
    cycle: '2018-2020',
    certification: 'CSCS',
    decision: 'granted',
    remedy: { kind: 'extension', until: '2021-06-30' },
    rationale: 'Hospital records cover the last quarter of the cycle.',
    decidedOn: '2021-04-20',
    decidedBy: 'committee-1',
    ...data,
  },
});
