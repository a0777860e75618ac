import { expectCycleAdmin } from './fixtures';

describe('OpenCycle', () => {
  it('D9 records the policy version in force for the cycle', () => {
    expectCycleAdmin
      .given([])
      .when({ type: 'OpenCycle', cycle: '2018-2020' })
      .then([{ type: 'CycleOpened', data: { cycle: '2018-2020', policyVersion: 1, openedOn: '2021-02-15' } }]);
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectCycleAdmin
      .given([{ type: 'CycleOpened', data: { cycle: '2018-2020', policyVersion: 1, openedOn: '2018-01-01' } }])
      .when({ type: 'OpenCycle', cycle: '2018-2020' })
      .thenNothing();
  });
});
