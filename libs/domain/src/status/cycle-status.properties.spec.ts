import fc from 'fast-check';
import { policyFor, type CyclePolicy } from '../policy/policy';
import { addDays } from '../shared/dates';
import { CERTIFICATIONS, type Certification } from '../shared/types';
import type { ActivityFact, CycleFacts, FeeFact } from './cycle-facts';
import { cycleStatus, type CycleStatus } from './cycle-status';

const POLICIES = [policyFor('2018-2020'), policyFor('2024-2026')];

function dateIn(policy: CyclePolicy, fromOffset: number, toOffset: number): fc.Arbitrary<string> {
  return fc.integer({ min: fromOffset, max: toOffset }).map((n) => addDays(policy.startsOn, n));
}

/** Mostly absent: one time in six. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 });
}

function activityArb(policy: CyclePolicy): fc.Arbitrary<Omit<ActivityFact, 'activityId'>> {
  return fc
    .record({
      definition: fc.constantFrom(...policy.catalogue),
      tenths: fc.integer({ min: 1, max: 25 }),
      activityDate: dateIn(policy, -30, 1125),
      reportDelay: fc.integer({ min: 0, max: 60 }),
      reportedBy: fc.constantFrom('certificant' as const, 'staff' as const),
      title: fc.constantFrom('Clinic', 'Conference', 'Course'),
      eventRef: fc.option(fc.constantFrom('EV-1', 'EV-2'), { nil: undefined }),
      externalRef: fc.option(fc.constantFrom('X-1', 'X-2', 'X-3'), { nil: undefined }),
      withdrawnAfter: rarely(fc.integer({ min: 0, max: 90 })),
      disallowedAfter: rarely(fc.integer({ min: 0, max: 90 })),
    })
    .map((r) => {
      const reportedOn = addDays(r.activityDate, r.reportDelay);
      const fact: Omit<ActivityFact, 'activityId'> = {
        activityType: r.definition.activityType,
        activityDate: r.activityDate,
        title: r.title,
        category: r.definition.category,
        tenths: r.definition.value.kind === 'fixed' ? r.definition.value.tenths : r.tenths,
        reportedBy: r.reportedBy,
        reportedOn,
        bodyRecorded: r.definition.bodyRecorded,
        ...(r.eventRef !== undefined ? { eventRef: r.eventRef } : {}),
        ...(r.externalRef !== undefined ? { externalRef: r.externalRef } : {}),
        ...(r.withdrawnAfter !== undefined ? { withdrawnOn: addDays(reportedOn, r.withdrawnAfter) } : {}),
        ...(r.disallowedAfter !== undefined ? { disallowed: { on: addDays(reportedOn, r.disallowedAfter), reason: 'unsupported' } } : {}),
      };
      return fact;
    });
}

function factsArb(policy: CyclePolicy): fc.Arbitrary<{ facts: CycleFacts; asOf: string }> {
  return fc
    .record({
      member: fc.boolean(),
      held: fc.uniqueArray(fc.record({ certification: fc.constantFrom(...CERTIFICATIONS), earnedOn: fc.oneof(dateIn(policy, -3000, -1), dateIn(policy, 0, 1100)) }), {
        minLength: 1,
        maxLength: 3,
        selector: (h) => h.certification,
      }),
      activities: fc.array(activityArb(policy), { minLength: 4, maxLength: 24, size: 'max' }),
      recertificationPaidOn: fc.array(fc.option(dateIn(policy, 0, 1140), { nil: undefined, freq: 4 }), { minLength: 3, maxLength: 3 }),
      otherFees: fc.array(fc.tuple(dateIn(policy, 0, 1140), fc.constantFrom('late' as const, 'membership' as const)), { maxLength: 2 }),
      asOf: fc.oneof(dateIn(policy, 0, 1180), dateIn(policy, 1000, 1180)),
    })
    .map(({ member, held, activities, recertificationPaidOn, otherFees, asOf }) => {
      const fees: FeeFact[] = [
        ...held.flatMap((h, i) => (recertificationPaidOn[i] ? [{ feeType: 'recertification' as const, certification: h.certification, amountCents: 10_000, paidOn: recertificationPaidOn[i] as string }] : [])),
        ...otherFees.map(([paidOn, feeType]) => ({ feeType, amountCents: 10_000, paidOn })),
      ];
      const facts: CycleFacts = {
        cycle: policy.cycle,
        member,
        certifications: held,
        activities: activities.map((a, i) => ({ ...a, activityId: `a-${String(i).padStart(2, '0')}` })),
        fees,
        examPassed: [],
        extension: null,
        reinstated: [],
        expired: [],
        audit: null,
      };
      return { facts, asOf };
    });
}

const scenario = fc.constantFrom(...POLICIES).chain((policy) => factsArb(policy).map((s) => ({ ...s, policy })));

/** Deep equality, fast on the common path: jest's own comparison only runs to show a difference. */
function expectSame(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual).toEqual(expected);
}

/** The CEU allocation of a status, without its timeline. */
function allocation(status: CycleStatus) {
  return status.certifications.map((c) => ({ c: c.certification, applied: c.appliedTenths, byCategory: c.byCategory, ledger: c.ledger }));
}

describe('cycleStatus properties', () => {
  it('D3.4 D3.11 applied never exceeds a cap or the reported amount', () => {
    fc.assert(
      fc.property(scenario, ({ facts, policy, asOf }) => {
        const broken: string[] = [];
        for (const c of cycleStatus(facts, policy, asOf).certifications) {
          for (const cat of c.byCategory) {
            if (cat.appliedTenths > cat.maxTenths) broken.push(`${c.certification} ${cat.category} above its maximum`);
            if (cat.appliedTenths > cat.reportedTenths) broken.push(`${c.certification} ${cat.category} above what was reported`);
          }
          for (const l of c.ledger) if (l.appliedTenths > l.reportedTenths || l.appliedTenths < 0) broken.push(`${l.activityId} applied ${l.appliedTenths}`);
          if (c.ledger.reduce((sum, l) => sum + l.appliedTenths, 0) !== c.appliedTenths) broken.push(`${c.certification} ledger does not add up`);
          const pd = c.ledger.filter((l) => l.activityType === 'personal-development').reduce((sum, l) => sum + l.appliedTenths, 0);
          if (pd > policy.personalDevelopmentPerYearTenths * 3) broken.push(`${c.certification} personal development ${pd}`);
        }
        expect(broken).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('D3.4 the status does not depend on the order activities were reported', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.shuffledSubarray(s.facts.activities, { minLength: s.facts.activities.length }).map((shuffled) => ({ ...s, shuffled }))),
        ({ facts, policy, asOf, shuffled }) => {
          expectSame(cycleStatus({ ...facts, activities: shuffled }, policy, asOf), cycleStatus(facts, policy, asOf));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('D3.4 CEUs go to caps by activity date: reporting the same activities in another order changes no applied amount', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => {
          // Distinct activities (no duplicates, none withdrawn) so only the reporting order varies.
          const distinct = s.facts.activities.map(({ withdrawnOn: _w, disallowed: _d, eventRef: _e, externalRef: _x, ...a }) => ({ ...a, title: `Activity ${a.activityId}` }));
          const dates = distinct.map((a) => a.reportedOn);
          return fc.shuffledSubarray(dates, { minLength: dates.length }).map((reorderedDates) => ({ ...s, distinct, reorderedDates }));
        }),
        ({ facts, policy, distinct, reorderedDates }) => {
          const asOf = addDays(policy.endsOn, 400);
          const reordered = distinct.map((a, i) => ({ ...a, reportedOn: reorderedDates[i] }));
          const a = cycleStatus({ ...facts, activities: distinct }, policy, asOf);
          const b = cycleStatus({ ...facts, activities: reordered }, policy, asOf);
          expectSame(allocation(b), allocation(a));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('D4a.1 withdrawing an activity restores the earlier status', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ extra: activityArb(s.policy), keepFor: fc.integer({ min: 0, max: 40 }) }).map((x) => ({ ...s, ...x }))),
        ({ facts, policy, asOf, extra, keepFor }) => {
          const reportedOn = facts.activities.reduce((latest, a) => (a.reportedOn > latest ? a.reportedOn : latest), extra.reportedOn);
          const added: ActivityFact = { ...extra, disallowed: undefined, activityId: 'zz-extra', reportedOn: addDays(reportedOn, 1) };
          delete added.disallowed;
          const withdrawnOn = addDays(added.reportedOn, keepFor);
          const later = withdrawnOn > asOf ? withdrawnOn : asOf;
          const withdrawn = { ...facts, activities: [...facts.activities, { ...added, withdrawnOn }] };
          const without = (s: CycleStatus) => allocation(s).map((c) => ({ ...c, ledger: c.ledger.filter((l) => l.activityId !== 'zz-extra') }));
          expectSame(without(cycleStatus(withdrawn, policy, later)), without(cycleStatus(facts, policy, later)));
          // Withdrawn the day it was reported, it never counted: the whole status is the same.
          const sameDay = { ...facts, activities: [...facts.activities, { ...added, withdrawnOn: added.reportedOn }] };
          const strip = (s: CycleStatus) => ({ ...s, certifications: s.certifications.map((c) => ({ ...c, ledger: c.ledger.filter((l) => l.activityId !== 'zz-extra') })) });
          expectSame(strip(cycleStatus(sameDay, policy, later)), strip(cycleStatus(facts, policy, later)));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('D3.16 D3.2 CEUs never double count: a re-reported duplicate adds nothing, and each activity counts once per certification', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.subarray(s.facts.activities).map((copied) => ({ ...s, copied }))),
        ({ facts, policy, asOf, copied }) => {
          const lastReported = facts.activities.reduce((latest, a) => (a.reportedOn > latest ? a.reportedOn : latest), policy.startsOn);
          const copies = copied.map((a, i) => ({ ...a, activityId: `copy-${i}`, reportedOn: addDays(lastReported, 1 + i), reportedBy: 'staff' as const }));
          const later = addDays(lastReported, copies.length + 1) > asOf ? addDays(lastReported, copies.length + 1) : asOf;
          const before = cycleStatus(facts, policy, later);
          const after = cycleStatus({ ...facts, activities: [...facts.activities, ...copies] }, policy, later);
          expect(after.certifications.map((c) => c.appliedTenths)).toEqual(before.certifications.map((c) => c.appliedTenths));
          for (const c of after.certifications) {
            expect(new Set(c.ledger.map((l) => l.activityId)).size).toBe(c.ledger.length);
            for (const l of c.ledger.filter((x) => x.activityId.startsWith('copy-'))) expect(l.appliedTenths).toBe(0);
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('D4.5 every status but Complete carries at least one blocker; Complete carries none', () => {
    fc.assert(
      fc.property(scenario, ({ facts, policy, asOf }) => {
        for (const c of cycleStatus(facts, policy, asOf).certifications) {
          if (c.status === 'Complete') expect(c.blockers).toEqual([]);
          else expect(c.blockers.length).toBeGreaterThan(0);
          if (c.status === 'Complete' || c.status === 'CompleteLate') expect(c.completedOn).not.toBeNull();
        }
      }),
      { numRuns: 100 },
    );
  });

  it('D4.1 completedOn is the day it became complete: complete as of that day, not the day before', () => {
    fc.assert(
      fc.property(scenario, ({ facts, policy, asOf }) => {
        for (const c of cycleStatus(facts, policy, asOf).certifications) {
          if (c.completedOn === null) continue;
          const then = cycleStatus(facts, policy, c.completedOn).certifications.find((x) => x.certification === c.certification);
          const dayBefore = cycleStatus(facts, policy, addDays(c.completedOn, -1)).certifications.find((x) => x.certification === c.certification);
          expect(then).toMatchObject({ status: c.status, completedOn: c.completedOn });
          expect(dayBefore?.status).not.toBe(c.status);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('D4.1 the status as of a date ignores what was reported, paid or withdrawn after it', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.record({ extra: activityArb(s.policy), after: fc.integer({ min: 1, max: 200 }) }).map((x) => ({ ...s, ...x }))),
        ({ facts, policy, asOf, extra, after }) => {
          const later = addDays(asOf, after);
          const future: CycleFacts = {
            ...facts,
            activities: [
              ...facts.activities.map((a) => (a.reportedOn <= asOf && a.withdrawnOn === undefined ? { ...a, withdrawnOn: later } : a)),
              { ...extra, activityId: 'zz-future', reportedOn: later },
            ],
            fees: [...facts.fees, ...facts.certifications.map((h) => ({ feeType: 'recertification' as const, certification: h.certification, amountCents: 10_000, paidOn: later }))],
            examPassed: facts.certifications.map((h) => ({ certification: h.certification, on: later })),
          };
          const strip = (st: CycleStatus) => ({ ...st, certifications: st.certifications.map((c) => ({ ...c, ledger: c.ledger.filter((l) => l.activityId !== 'zz-future') })) });
          expectSame(strip(cycleStatus(future, policy, asOf)), strip(cycleStatus(facts, policy, asOf)));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('D3.1 no activity counts for a certification before it was earned or outside the cycle', () => {
    fc.assert(
      fc.property(scenario, ({ facts, policy, asOf }) => {
        const held = new Map<Certification, string>(facts.certifications.map((h) => [h.certification, h.earnedOn]));
        for (const c of cycleStatus(facts, policy, asOf).certifications) {
          for (const l of c.ledger.filter((x) => x.appliedTenths > 0)) {
            expect(l.activityDate >= (held.get(c.certification) ?? '')).toBe(true);
            expect(l.activityDate >= policy.startsOn && l.activityDate <= policy.endsOn).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
