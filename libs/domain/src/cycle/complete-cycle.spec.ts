import { completeHistory, cptOnly, expectCycle, feePaid, reported } from './fixtures';

const complete = { type: 'CompleteCycle' as const, certificantId: 'c-1', cycle: '2018-2020' };

describe('CompleteCycle', () => {
  it('D4.1 records completion when cycleStatus says the CEUs and the fee are there', () => {
    expectCycle
      .given(completeHistory)
      .when(complete, cptOnly)
      .then([{ type: 'CycleCompleted', data: { certification: 'NSCA-CPT', completedOn: '2020-03-01', late: false } }]);
  });

  it('D4.1 refuses a named certification whose fee is missing', () => {
    expectCycle
      .given(completeHistory.filter((event) => event.type !== 'FeePaid'))
      .when({ ...complete, certification: 'NSCA-CPT' }, cptOnly)
      .thenThrows('CYCLE_NOT_COMPLETE');
  });

  it('D3.5 a sweep records nothing while CEUs come from one category only', () => {
    expectCycle.given([reported('a-1'), reported('a-2'), reported('a-3'), feePaid()]).when(complete, cptOnly).thenNothing();
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCycle
      .given([...completeHistory, { type: 'CycleCompleted', data: { certification: 'NSCA-CPT', completedOn: '2020-03-01', late: false } }])
      .when(complete, cptOnly)
      .thenNothing();
  });
});
