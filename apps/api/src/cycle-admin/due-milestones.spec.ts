import { policyFor, type CyclePolicy } from '@recert/domain';
import { dueMilestones } from './due-milestones';

// Issue 5, item 2: the daily check closes every cycle whose deadline has passed and expires every
// cycle whose late window is over, as of the business date (D2.3, D2.4).
describe('dueMilestones (what the daily cycle check must have done as of a date)', () => {
  const p2018 = policyFor('2018-2020');
  const p2021 = policyFor('2021-2023');

  it('on the deadline itself nothing of that cycle is due; the day after, its close is', () => {
    const policies = [p2021];
    expect(dueMilestones('2023-12-31', policies)).toEqual([]);
    expect(dueMilestones('2024-01-01', policies)).toEqual([{ milestone: 'close', cycle: '2021-2023' }]);
  });

  it('expiry is due only after the late window ends, and always follows its close', () => {
    const policies = [p2021];
    expect(dueMilestones(p2021.lateWindowEndsOn, policies)).toEqual([{ milestone: 'close', cycle: '2021-2023' }]);
    expect(dueMilestones('2024-02-01', policies)).toEqual([
      { milestone: 'close', cycle: '2021-2023' },
      { milestone: 'expire', cycle: '2021-2023' },
    ]);
  });

  it('lists every past cycle, oldest first, and none still running', () => {
    expect(dueMilestones('2025-06-15')).toEqual([
      { milestone: 'close', cycle: '2018-2020' },
      { milestone: 'expire', cycle: '2018-2020' },
      { milestone: 'close', cycle: '2021-2023' },
      { milestone: 'expire', cycle: '2021-2023' },
    ]);
    expect(dueMilestones('2018-06-01')).toEqual([]);
    expect(dueMilestones('2021-01-15', [p2021, p2018])).toEqual([{ milestone: 'close', cycle: '2018-2020' }]);
  });

  it('takes the latest version of a cycle policy', () => {
    const amended: CyclePolicy = { ...p2021, version: p2021.version + 1, lateWindowEndsOn: '2024-02-29' };
    expect(dueMilestones('2024-02-15', [p2021, amended])).toEqual([{ milestone: 'close', cycle: '2021-2023' }]);
    expect(dueMilestones('2024-02-15', [amended, p2021])).toEqual([{ milestone: 'close', cycle: '2021-2023' }]);
  });
});
