import fc from 'fast-check';
import { reportingTermsOf, statusOf, type CycleContext } from '../cycle/commands';
import { initialCycleState, type CycleState } from '../cycle/state';
import { policyFor, type CyclePolicy } from '../policy/policy';
import { addDays } from '../shared/dates';
import { CERTIFICATIONS } from '../shared/types';
import type { CycleFacts } from './cycle-facts';
import { cycleStatus, reportingTerms, type CycleStatus } from './cycle-status';

const POLICIES = [policyFor('2018-2020'), policyFor('2024-2026')];

const dateIn = (policy: CyclePolicy, from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => addDays(policy.startsOn, n));

/** Certifications (some counting from a later date, D2.3), an extension or none (D6.3), a few activities and fees. */
const scenario = fc.constantFrom(...POLICIES).chain((policy) =>
  fc
    .record({
      held: fc.uniqueArray(
        fc.record({
          certification: fc.constantFrom(...CERTIFICATIONS),
          earnedOn: fc.oneof(dateIn(policy, -3000, -1), dateIn(policy, 0, 1100)),
          countsFrom: fc.option(dateIn(policy, 0, 60), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3, selector: (h) => h.certification },
      ),
      extension: fc.option(fc.record({ until: dateIn(policy, 1090, 1300), grantedOn: fc.option(dateIn(policy, 1000, 1200), { nil: undefined }) }), { nil: null }),
      activities: fc.array(fc.record({ activityDate: dateIn(policy, 0, 1090), tenths: fc.integer({ min: 1, max: 40 }), delay: fc.integer({ min: 0, max: 90 }) }), { maxLength: 12 }),
      paidOn: fc.option(dateIn(policy, 0, 1120), { nil: undefined }),
      asOf: dateIn(policy, 0, 1250),
    })
    .map(({ held, extension, activities, paidOn, asOf }) => {
      const certifications = held.map(({ countsFrom, ...h }) => (countsFrom !== undefined ? { ...h, countsFrom } : h));
      const facts: CycleFacts = {
        cycle: policy.cycle,
        member: true,
        certifications,
        activities: activities.map((a, i) => ({
          activityId: `a-${i}`,
          activityType: 'event-attendance',
          activityDate: a.activityDate,
          title: `Clinic ${i}`,
          category: 'A',
          tenths: a.tenths,
          reportedBy: 'staff',
          reportedOn: addDays(a.activityDate, a.delay),
          bodyRecorded: false,
        })),
        fees: paidOn ? held.map((h) => ({ feeType: 'recertification' as const, certification: h.certification, amountCents: 10_000, paidOn })) : [],
        examPassed: [],
        extension: extension ? { until: extension.until, ...(extension.grantedOn !== undefined ? { grantedOn: extension.grantedOn } : {}) } : null,
        reinstated: [],
        expired: [],
        audit: null,
      };
      return { facts, policy, asOf };
    }),
);

const termsOf = (status: CycleStatus) => ({
  lateDeadline: status.lateDeadline,
  certifications: status.certifications.map((c) => ({ certification: c.certification, countsFrom: c.countsFrom })),
});

describe('reportingTerms: the late deadline and countsFrom a report is decided on', () => {
  it('D2.3 D3.1 D6.3 equals what cycleStatus says, whatever the activities and fees', () => {
    fc.assert(
      fc.property(scenario, ({ facts, policy, asOf }) => {
        expect(reportingTerms(facts, policy, asOf)).toEqual(termsOf(cycleStatus(facts, policy, asOf)));
      }),
      { numRuns: 300 },
    );
  });

  it('D6.3 D1.3 reportingTermsOf reads the extension of a merged account as statusOf does', () => {
    const policy = policyFor('2024-2026');
    const extended: CycleState = { ...initialCycleState, extension: { until: '2027-06-30', appealId: 'ap-1', grantedOn: '2027-02-10' } };
    const context: CycleContext = {
      today: '2027-03-01',
      now: '2027-03-01T12:00:00.000Z',
      actor: 'system',
      policy,
      certifications: [
        { certification: 'CSCS', earnedOn: '2015-05-01', countsFrom: '2024-02-01' },
        { certification: 'NSCA-CPT', earnedOn: '2024-08-01' },
      ],
      member: true,
      merged: [extended],
    };
    const terms = reportingTermsOf(initialCycleState, context, '2027-03-01');
    expect(terms).toEqual(termsOf(statusOf(initialCycleState, { cycle: '2024-2026' }, context, '2027-03-01')));
    expect(terms).toEqual({
      lateDeadline: '2027-06-30',
      certifications: [
        { certification: 'CSCS', countsFrom: '2024-02-01' },
        { certification: 'NSCA-CPT', countsFrom: '2024-08-01' }, // D3.1: the 2024-2026 policy counts the earned date itself
      ],
    });
  });
});
