import { fold } from '../shared/decider';
import { cycleDecider } from './decider';
import { cycleContext, expectCycle, report, reported } from './fixtures';

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
