import fc from 'fast-check';
import { fold } from '../shared/decider';
import { cycleStatus } from '../status/cycle-status';
import { replay, runLive } from '../testing/given-when-then';
import type { CycleCommand } from './commands';
import { certificationsForCycle, joinCycleStates, toCycleFacts } from './cycle-facts';
import { cycleDecider } from './decider';
import { cptOnly, cycleContext, feePaid, firstAid, policy2018, reported } from './fixtures';

describe('toCycleFacts', () => {
  it('D5.4 a withdrawn or disallowed activity reaches cycleStatus as such', () => {
    const state = fold(cycleDecider, [
      reported('a-1'),
      reported('a-2'),
      { type: 'ActivityWithdrawn', data: { activityId: 'a-1', reason: 'twice', withdrawnOn: '2020-02-02', withdrawnBy: 'staff-1' } },
      { type: 'ActivityDisallowed', data: { activityId: 'a-2', reason: 'out of scope', disallowedOn: '2020-02-03', disallowedBy: 'auditor-1', auditId: 'au-1' } },
    ]);
    const facts = toCycleFacts(state, cptOnly.certifications!, false);
    expect(facts.activities.map((a) => [a.activityId, a.withdrawnOn, a.disallowed?.by])).toEqual([
      ['a-1', '2020-02-02', undefined],
      ['a-2', undefined, 'auditor-1'],
    ]);
    expect(cycleStatus(facts, policy2018, '2020-03-01').certifications[0]!.appliedTenths).toBe(0);
  });
});

describe('certificationsForCycle', () => {
  const held = [{ certification: 'NSCA-CPT' as const, earnedOn: '2017-06-01' }];
  const completedOn = (date: string) =>
    fold(cycleDecider, [{ type: 'CycleCompleted', data: { certification: 'NSCA-CPT', completedOn: date, late: date > '2020-12-31' } }]);

  it('D2.3 completing in the late window: the next cycle counts CEUs from February 1', () => {
    expect(certificationsForCycle(held, { state: completedOn('2021-01-20'), policy: policy2018 })).toEqual([
      { certification: 'NSCA-CPT', earnedOn: '2017-06-01', countsFrom: '2021-02-01' },
    ]);
  });

  it('D2.3 completing in time: the next cycle counts from January 1', () => {
    expect(certificationsForCycle(held, { state: completedOn('2020-11-20'), policy: policy2018 })[0]!.countsFrom).toBe('2021-01-01');
    expect(certificationsForCycle(held)).toEqual(held);
  });
});

describe('merged accounts (D1.3)', () => {
  const survivor = fold(cycleDecider, [reported('a-1'), reported('a-2'), feePaid()]);
  const duplicate = fold(cycleDecider, [reported('b-1', { certificantId: 'c-2' }), firstAid('b-2')]);

  it('D1.3 the survivor`s cycle holds both accounts` activities and fees', () => {
    const joined = joinCycleStates([survivor, duplicate]);
    expect(joined.activities.map((a) => a.reported.activityId)).toEqual(['a-1', 'a-2', 'b-1', 'b-2']);
    expect(joined.fees).toHaveLength(1);
  });

  it('D1.3 merging never double counts: joining a cycle with itself changes nothing', () => {
    fc.assert(
      fc.property(fc.subarray(['a-1', 'a-2', 'a-3', 'a-4']), fc.subarray(['a-1', 'a-2', 'a-3', 'a-4']), (mine, theirs) => {
        const a = fold(cycleDecider, mine.map((id) => reported(id)));
        const b = fold(cycleDecider, theirs.map((id) => reported(id)));
        const joined = joinCycleStates([a, b]);
        const ids = joined.activities.map((x) => x.reported.activityId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...mine, ...theirs]));
        expect(joinCycleStates([a, a])).toEqual(a);
      }),
    );
  });

  it('D1.3 the status of the merged account counts the duplicate`s CEUs', () => {
    const alone = cycleStatus(toCycleFacts(survivor, cptOnly.certifications!, false), policy2018, '2020-03-01');
    const merged = cycleStatus(toCycleFacts(joinCycleStates([survivor, duplicate]), cptOnly.certifications!, false), policy2018, '2020-03-01');
    expect(merged.certifications[0]!.reportedTenths - alone.certifications[0]!.reportedTenths).toBe(25);
  });
});

describe('cycle replay', () => {
  const base = { certificantId: 'c-1', cycle: '2018-2020' };
  const id = fc.constantFrom('a-1', 'a-2', 'a-3');
  const command: fc.Arbitrary<CycleCommand> = fc.oneof(
    fc
      .record({ activityId: id, activityDate: fc.constantFrom('2018-03-01', '2019-06-05', '2020-11-30'), hours: fc.integer({ min: 1, max: 30 }), ref: fc.constantFrom(undefined, 'EV-1') })
      .map<CycleCommand>(({ ref, ...r }) => ({
        type: 'ReportActivity',
        ...base,
        ...r,
        activityType: 'event-attendance',
        title: 'Clinic',
        reportedBy: 'certificant',
        ...(ref ? { externalRef: ref } : {}),
      })),
    id.map<CycleCommand>((activityId) => ({ type: 'WithdrawActivity', ...base, activityId, reason: 'mistake' })),
    id.map<CycleCommand>((activityId) => ({ type: 'DisallowActivity', ...base, activityId, reason: 'out of scope' })),
    fc.constantFrom('f-1', 'f-2').map<CycleCommand>((feeId) => ({ type: 'PayFee', ...base, feeId, feeType: 'recertification', certification: 'NSCA-CPT', amountCents: 7500 })),
    fc.constant<CycleCommand>({ type: 'CompleteCycle', ...base }),
  );

  it('folding the recorded events again gives the live state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const live = runLive(cycleDecider, commands, { ...cycleContext, ...cptOnly });
        expect(replay(cycleDecider, live.events)).toEqual(live.state);
      }),
      { numRuns: 100 },
    );
  });
});
