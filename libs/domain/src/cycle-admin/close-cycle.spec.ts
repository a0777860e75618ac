import { closed, expectCycleAdmin } from './fixtures';

describe('CloseCycle', () => {
  it('D2.1 the cycle closes after the end of December 31', () => {
    expectCycleAdmin.given([]).when({ type: 'CloseCycle', cycle: '2018-2020', asOf: '2021-01-01' }).then([closed]);
  });
  it('D2.1 refuses to close on the deadline itself', () => {
    expectCycleAdmin.given([]).when({ type: 'CloseCycle', cycle: '2018-2020', asOf: '2020-12-31' }).thenThrows('CYCLE_NOT_OVER');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectCycleAdmin.given([closed]).when({ type: 'CloseCycle', cycle: '2018-2020', asOf: '2021-01-02' }).thenNothing();
  });
});
