import { expectCycle, reported } from './fixtures';

const withdraw = { type: 'WithdrawActivity' as const, certificantId: 'c-1', cycle: '2018-2020', activityId: 'a-1', reason: 'reported twice by mistake' };
const withdrawn = {
  type: 'ActivityWithdrawn' as const,
  data: { activityId: 'a-1', reason: 'reported twice by mistake', withdrawnOn: '2020-03-01', withdrawnBy: 'staff-1' },
};

describe('WithdrawActivity', () => {
  it('withdraws an activity; its history stays', () => {
    expectCycle.given([reported('a-1')]).when(withdraw).then([withdrawn]);
  });
  it('refuses an activity that is not in the cycle', () => {
    expectCycle.given([]).when(withdraw).thenThrows('ACTIVITY_NOT_FOUND');
  });
  it('D5.4 refuses withdrawing around an open audit', () => {
    expectCycle
      .given([reported('a-1')])
      .when(withdraw, { audit: { auditId: 'au-1', status: 'open', selectedOn: '2020-02-15' } })
      .thenThrows('ACTIVITY_UNDER_AUDIT');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectCycle.given([reported('a-1'), withdrawn]).when(withdraw).thenNothing();
  });
});
