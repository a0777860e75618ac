import { cycleBounds, cycleOf, needsTwoCategories, nextCycleStart, PolicyNotFound, policies, policyFor, recertificationFeeCents, requirementFor, type CyclePolicy } from './policy';
import { toTenths, fromTenths } from '../shared/ceus';
import { addDays, endOfMonth, yearOf } from '../shared/dates';

const p2018 = policyFor('2018-2020');
const p2024 = policyFor('2024-2026');

describe('cycles (D2.1)', () => {
  it('D2.1 cycles are three calendar years anchored on 2018-2020', () => {
    expect(cycleOf('2017-12-31')).toBe('2015-2017');
    expect(cycleOf('2018-01-01')).toBe('2018-2020');
    expect(cycleOf('2020-12-31')).toBe('2018-2020');
    expect(cycleOf('2021-01-01')).toBe('2021-2023');
    expect(cycleOf('2026-06-15')).toBe('2024-2026');
    expect(cycleOf('2029-12-31')).toBe('2027-2029');
  });

  it('D2.1 a cycle ends on December 31 of its third year', () => {
    expect(cycleBounds('2024-2026')).toEqual({ startsOn: '2024-01-01', endsOn: '2026-12-31' });
    expect(() => cycleBounds('2024-2025')).toThrow(PolicyNotFound);
  });

  it('D9 there is a policy for 2018-2020, 2021-2023, 2024-2026 and a provisional 2027-2029', () => {
    expect(policies.map((p) => [p.cycle, p.provisional])).toEqual([
      ['2018-2020', false], ['2021-2023', false], ['2024-2026', false], ['2027-2029', true],
    ]);
    for (const p of policies) {
      expect(cycleBounds(p.cycle)).toEqual({ startsOn: p.startsOn, endsOn: p.endsOn });
      expect(p.lateWindowEndsOn).toBe(`${yearOf(p.endsOn) + 1}-01-31`);
    }
  });

  it('D9 policies are versioned: a replay asks for the version in force, an unknown one is refused', () => {
    const v2: CyclePolicy = { ...p2024, version: 2, lateFeeCents: 4000 };
    const all = [...policies, v2];
    expect(policyFor('2024-2026', undefined, all).version).toBe(2);
    expect(policyFor('2024-2026', 1, all).lateFeeCents).toBeNull();
    expect(() => policyFor('2024-2026', 3, all)).toThrow('There is no version 3');
    try {
      policyFor('2012-2014');
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as PolicyNotFound).code).toBe('POLICY_NOT_FOUND');
    }
  });
});

describe('requirement rows (D2.2, D9)', () => {
  const required = (p: CyclePolicy, earnedOn: string) => {
    const row = requirementFor(p, earnedOn);
    return [row.requiredTenths, row.maxTenths.A, row.maxTenths.B, row.maxTenths.C, row.maxTenths.D];
  };

  it('D9 2018-2020: 6.0 before 2018, 4.0 in 2018, 2.0 in 2019, 1.0 Jan-Jun 2020, 0 from July 2020', () => {
    expect(required(p2018, '2010-05-05')).toEqual([60, 55, 40, 55, 35]);
    expect(required(p2018, '2017-12-31')).toEqual([60, 55, 40, 55, 35]);
    expect(required(p2018, '2018-01-01')).toEqual([40, 35, 25, 35, 15]);
    expect(required(p2018, '2019-04-02')).toEqual([20, 15, 10, 15, 10]);
    expect(required(p2018, '2020-06-30')).toEqual([10, 10, 10, 10, 10]);
    expect(required(p2018, '2020-07-01')).toEqual([0, 0, 0, 0, 0]);
  });

  it('D9 2024-2026 shifts the 2021-2023 rows with the cycle', () => {
    expect(required(p2024, '2023-12-31')).toEqual([60, 55, 40, 55, 40]);
    expect(required(p2024, '2024-03-01')).toEqual([40, 35, 30, 35, 30]);
    expect(required(p2024, '2025-03-01')).toEqual([20, 15, 10, 15, 10]);
    expect(required(p2024, '2026-06-30')).toEqual([10, 10, 10, 10, 10]);
    expect(required(p2024, '2026-07-01')).toEqual([0, 0, 0, 0, 0]);
    expect(required(policyFor('2027-2029'), '2028-02-01')).toEqual([20, 15, 10, 15, 10]);
  });

  it('D2.2 the July 2020 certificant needs nothing in 2018-2020 and is carried into 2021-2023 from January 1', () => {
    expect(requirementFor(p2018, '2020-07-15').carriedIntoNextCycle).toBe(true);
    expect(nextCycleStart(p2018, '2020-07-15')).toEqual({ carriedOver: true, nextCycle: '2021-2023', countsFrom: '2021-01-01' });
    // In 2021-2023 it was earned before the cycle: the full 6.0.
    expect(requirementFor(policyFor('2021-2023'), '2020-07-15').requiredTenths).toBe(60);
  });

  it('D2.3 completing in the late window starts the next cycle on February 1, on time on January 1', () => {
    expect(nextCycleStart(p2024, '2020-01-01', '2027-01-20').countsFrom).toBe('2027-02-01');
    expect(nextCycleStart(p2024, '2020-01-01', '2026-12-31').countsFrom).toBe('2027-01-01');
    expect(nextCycleStart(p2024, '2020-01-01', null)).toEqual({ carriedOver: false, nextCycle: '2027-2029', countsFrom: '2027-01-01' });
  });

  it('D3.5 two categories are needed before the last year; a 1.0 requirement is met from one category', () => {
    expect(needsTwoCategories(requirementFor(p2018, '2015-01-01'))).toBe(true);
    expect(needsTwoCategories(requirementFor(p2018, '2019-01-01'))).toBe(true);
    expect(needsTwoCategories(requirementFor(p2018, '2020-03-01'))).toBe(false);
    // 2024-2026 states the rule on every row; the exemption flag lifts it for the 1.0 row.
    const row = requirementFor(p2024, '2026-03-01');
    expect(row.twoCategoryRule).toBe(true);
    expect(needsTwoCategories(row)).toBe(false);
    expect(needsTwoCategories({ ...row, oneCategoryExemption: false })).toBe(true);
  });
});

describe('recertification fees (D4.2)', () => {
  it('D4.2 2018-2020 fees are prorated by earned date, member and non-member', () => {
    const fee = (earnedOn: string, member: boolean) => recertificationFeeCents(p2018, earnedOn, member, '2020-10-01');
    expect([fee('2016-01-01', true), fee('2016-01-01', false)]).toEqual([6500, 9000]);
    expect([fee('2018-05-01', true), fee('2018-05-01', false)]).toEqual([5500, 8000]);
    expect([fee('2019-05-01', true), fee('2019-05-01', false)]).toEqual([4500, 7000]);
    expect([fee('2020-02-01', true), fee('2020-02-01', false)]).toEqual([3500, 6000]);
    expect([fee('2020-07-01', true), fee('2020-07-01', false)]).toEqual([0, 0]);
  });

  it('D4.2 $15 off for recertifying before July 31, 2020', () => {
    expect(recertificationFeeCents(p2018, '2016-01-01', true, '2020-07-30')).toBe(5000);
    expect(recertificationFeeCents(p2018, '2016-01-01', true, '2020-07-31')).toBe(6500);
  });

  it('D4.2 later cycles leave the amounts to staff: null, except nothing for the carried-over', () => {
    expect(recertificationFeeCents(p2024, '2020-01-01', true, '2026-01-01')).toBeNull();
    expect(recertificationFeeCents(p2024, '2026-08-01', false, '2026-09-01')).toBe(0);
  });

  it('D2.3 the FAQ late fee is $35 until January 31', () => {
    expect(p2018.lateFeeCents).toBe(3500);
    expect(p2018.lateWindowEndsOn).toBe('2021-01-31');
  });
});

describe('shared helpers', () => {
  it('CEUs are integer tenths inside and decimals at the edge', () => {
    expect(toTenths(1.5)).toBe(15);
    expect(toTenths(0.3 * 3)).toBe(9);
    expect(fromTenths(15)).toBe(1.5);
  });

  it('dates add days across months and years, and find the end of a month', () => {
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(endOfMonth('2023-02-10')).toBe('2023-02-28');
  });
});
