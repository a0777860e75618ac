import { closed, expectCycleAdmin } from './fixtures';

const end = { type: 'EndGracePeriod' as const, cycle: '2018-2020', asOf: '2021-02-01' };

describe('EndGracePeriod', () => {
  it('D2.4 the late window ends after January 31', () => {
    expectCycleAdmin.given([closed]).when(end).then([{ type: 'GracePeriodEnded', data: { cycle: '2018-2020', endedOn: '2021-02-01' } }]);
  });
  it('D2.3 refuses while late reporting is still open', () => {
    expectCycleAdmin.given([closed]).when({ ...end, asOf: '2021-01-31' }).thenThrows('GRACE_PERIOD_NOT_OVER');
  });
  it('refuses before the cycle was closed', () => {
    expectCycleAdmin.given([]).when(end).thenThrows('CYCLE_NOT_CLOSED');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectCycleAdmin
      .given([closed, { type: 'GracePeriodEnded', data: { cycle: '2018-2020', endedOn: '2021-02-01' } }])
      .when(end)
      .thenNothing();
  });
});
