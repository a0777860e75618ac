import fc from 'fast-check';
import { fold } from '../shared/decider';
import { runLive } from '../testing/given-when-then';
import { decidesWithoutAudit, type CycleCommand } from './commands';
import { cycleDecider } from './decider';
import { cycleContext, expectCycle, report, reported } from './fixtures';
import type { CycleState } from './state';

const anyExplanation = { explanation: expect.any(String) as unknown as string };

describe('ReportActivity', () => {
  it('D3.7 records an event valued by the policy, for every certification held on its date', () => {
    expectCycle.given([]).when(report('a-1')).then([reported('a-1', anyExplanation)]);
  });

  it('D3.2 FAQ example: an activity before CSCS was earned counts for the NSCA-CPT only', () => {
    expectCycle
      .given([])
      .when(report('a-1', { activityDate: '2018-06-05' }))
      .then([reported('a-1', { activityDate: '2018-06-05', appliesTo: ['NSCA-CPT'], ...anyExplanation })]);
  });

  it('D3.2 an activity on the very earned date counts for it', () => {
    const [event] = expectCycle.given([]).when(report('a-1', { activityDate: '2019-04-02' })).events();
    expect(event!.type === 'ActivityReported' && event!.data.appliesTo).toEqual(['NSCA-CPT', 'CSCS']);
  });

  it('D3.1 refuses an activity before every held certification was earned', () => {
    expectCycle
      .given([])
      .when(report('a-1', { activityDate: '2018-06-05' }), { certifications: [{ certification: 'CSCS', earnedOn: '2019-04-02' }] })
      .thenThrows('ACTIVITY_BEFORE_CERTIFICATION');
  });

  it('D2.6 refuses an activity outside the cycle: CEUs never roll over', () => {
    expectCycle.given([]).when(report('a-1', { activityDate: '2021-01-05', reportedOn: '2021-01-10' }), { today: '2021-01-10' }).thenThrows('ACTIVITY_OUTSIDE_CYCLE');
  });

  it('D2.3 CEUs earned inside the cycle may be reported in the late window', () => {
    const late = report('a-1', { activityDate: '2020-12-01', reportedOn: '2021-01-31' });
    expect(expectCycle.given([]).when(late, { today: '2021-01-31' }).events()).toHaveLength(1);
  });

  it('D2.3 refuses reporting after the late window', () => {
    expectCycle
      .given([])
      .when(report('a-1', { activityDate: '2020-12-01', reportedOn: '2021-02-01' }), { today: '2021-02-01' })
      .thenThrows('ACTIVITY_REPORTING_CLOSED');
  });

  it('D6.3 a granted extension keeps reporting open until its date', () => {
    const extension = { type: 'ExtensionGranted' as const, data: { until: '2021-06-30', grantedOn: '2021-01-20', appealId: 'ap-1' } };
    expect(
      expectCycle.given([extension]).when(report('a-1', { activityDate: '2020-12-01', reportedOn: '2021-05-01' }), { today: '2021-05-01' }).events(),
    ).toHaveLength(1);
  });

  it('D3.15 refuses a certificant reporting a type staff add', () => {
    expectCycle
      .given([])
      .when(report('a-1', { activityType: 'volunteer-service', hours: undefined, ceus: 1 }))
      .thenThrows('ACTIVITY_STAFF_ONLY');
  });

  it('D3.15 staff may add it, and the record says who', () => {
    const [event] = expectCycle.given([]).when(report('a-1', { activityType: 'volunteer-service', hours: undefined, ceus: 1, reportedBy: 'staff' })).events();
    expect(event).toMatchObject({ data: { reportedBy: 'staff', recordedBy: 'staff-1', declaredTenths: 10, tenths: 10, bodyRecorded: true } });
  });

  it('D3.3 refuses changing a value the policy fixes', () => {
    expectCycle.given([]).when(report('a-1', { activityType: 'first-aid', hours: undefined, ceus: 1 })).thenThrows('ACTIVITY_VALUE_NOT_ADJUSTABLE');
  });

  it('D3.16 refuses a batch row whose external reference is already recorded', () => {
    expectCycle
      .given([reported('a-1', { externalRef: 'EV-12' })])
      .when(report('a-2', { externalRef: 'EV-12' }))
      .thenThrows('ACTIVITY_DUPLICATE_REFERENCE');
  });

  it('D1.3 D3.16 the external reference is checked on a merged account too', () => {
    const duplicateAccount = fold(cycleDecider, [reported('b-1', { certificantId: 'c-2', externalRef: 'EV-12' })]);
    expectCycle.given([]).when(report('a-2', { externalRef: 'EV-12' }), { merged: [duplicateAccount] }).thenThrows('ACTIVITY_DUPLICATE_REFERENCE');
  });

  it('refuses reporting for someone who holds no certification', () => {
    expectCycle.given([]).when(report('a-1'), { certifications: [] }).thenThrows('CERTIFICATION_NONE_HELD');
  });

  it('takes its id from the injected generator when the command brings none', () => {
    const [event] = expectCycle.given([]).when({ ...report('x'), activityId: undefined }, { ids: () => 'generated-1' }).events();
    expect(event).toMatchObject({ data: { activityId: 'generated-1' } });
  });

  it('changes nothing when the same activity is reported again (idempotent by activity id)', () => {
    expectCycle.given([reported('a-1')]).when(report('a-1')).thenNothing();
  });

  it('refuses a cycle the policy is not for', () => {
    expectCycle.given([]).when({ ...report('a-1'), cycle: '2021-2023' }).thenThrows('CYCLE_POLICY_MISMATCH');
    expect(cycleContext.policy.cycle).toBe('2018-2020');
  });
});

describe('ReportActivity and the audit (D5)', () => {
  // The API's report path does not read the cycle's audit fact (decidesWithoutAudit): it must not matter.
  const audits = [
    null,
    { auditId: 'au-1', status: 'open' as const, selectedOn: '2019-12-01' },
    { auditId: 'au-1', status: 'passed' as const, selectedOn: '2019-12-01', closedOn: '2020-01-15' },
    { auditId: 'au-1', status: 'failed' as const, selectedOn: '2019-12-01', closedOn: '2020-01-15' },
  ];
  const base = { certificantId: 'c-1', cycle: '2018-2020' };
  const id = fc.constantFrom('a-1', 'a-2', 'a-3');
  const reportOf = fc
    .record({
      activityId: id,
      activityDate: fc.constantFrom('2017-03-01', '2018-03-01', '2019-06-05', '2020-11-30'),
      reportedOn: fc.constantFrom('2020-02-01', '2020-03-01', '2021-01-20', '2021-03-01'),
      hours: fc.integer({ min: 1, max: 30 }),
    })
    .map((r) => report(r.activityId, r));
  const before: fc.Arbitrary<CycleCommand> = fc.oneof(
    reportOf,
    id.map<CycleCommand>((activityId) => ({ type: 'WithdrawActivity', ...base, activityId, reason: 'mistake' })),
    id.map<CycleCommand>((activityId) => ({ type: 'DisallowActivity', ...base, activityId, reason: 'out of scope' })),
    fc.constant<CycleCommand>({ type: 'PayFee', ...base, feeId: 'f-1', feeType: 'recertification', certification: 'NSCA-CPT', amountCents: 7500 }),
    fc.constant<CycleCommand>({ type: 'CompleteCycle', ...base }),
  );
  const outcome = (command: CycleCommand, state: CycleState, audit: (typeof audits)[number], today: string) => {
    try {
      return cycleDecider.decide(command, state, { ...cycleContext, today, audit, ids: () => 'id-1' });
    } catch (error) {
      return { refused: (error as { code?: string }).code };
    }
  };

  it('is declared to decide without the audit', () => {
    expect(decidesWithoutAudit(report('a-1'))).toBe(true);
    expect(decidesWithoutAudit({ type: 'WithdrawActivity', ...base, activityId: 'a-1', reason: 'mistake' })).toBe(false);
  });

  it('decides the same whatever the audit, on any cycle', () => {
    fc.assert(
      fc.property(fc.array(before, { maxLength: 10 }), reportOf, fc.constantFrom('2020-03-01', '2021-03-01'), (history, command, today) => {
        const { state } = runLive(cycleDecider, history, { ...cycleContext, today: '2021-03-01' });
        const decisions = audits.map((audit) => outcome(command, state, audit, today));
        for (const decision of decisions) expect(decision).toEqual(decisions[0]);
      }),
      { numRuns: 200 },
    );
  });
});
