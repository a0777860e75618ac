import { completeHistory, cptOnly, expectCycle, reported } from './fixtures';

const start = { type: 'StartLateReporting' as const, certificantId: 'c-1', cycle: '2018-2020', asOf: '2021-01-01' };

describe('StartLateReporting', () => {
  it('D2.3 at the deadline, the certifications not complete move to late reporting', () => {
    expectCycle
      .given([reported('a-1')])
      .when(start, { ...cptOnly, today: '2021-01-01' })
      .then([{ type: 'LateReportingStarted', data: { cycle: '2018-2020', startedOn: '2021-01-01', certifications: ['NSCA-CPT'] } }]);
  });

  it('D2.3 a certificant complete by the deadline is not late', () => {
    expectCycle.given(completeHistory).when(start, { ...cptOnly, today: '2021-01-01' }).thenNothing();
  });

  it('D2.1 refuses before the deadline has passed', () => {
    expectCycle.given([]).when({ ...start, asOf: '2020-12-31' }, cptOnly).thenThrows('CYCLE_NOT_OVER');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCycle
      .given([{ type: 'LateReportingStarted', data: { cycle: '2018-2020', startedOn: '2021-01-01', certifications: ['NSCA-CPT'] } }])
      .when(start, { ...cptOnly, today: '2021-01-02' })
      .thenNothing();
  });
});
