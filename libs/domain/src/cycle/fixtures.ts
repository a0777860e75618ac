import { policyFor } from '../policy/policy';
import { sequentialIds, staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import type { CycleContext, ReportActivity } from './commands';
import { cycleDecider } from './decider';
import type { ActivityReported, FeePaid } from './events';

export const policy2018 = policyFor('2018-2020');

/** The FAQ example (D3.2): NSCA-CPT held before 2018, CSCS earned 4/2/2019. */
export const cycleContext: CycleContext = {
  ...staffContext,
  today: '2020-03-01',
  now: '2020-03-01T17:00:00.000Z',
  policy: policy2018,
  certifications: [
    { certification: 'NSCA-CPT', earnedOn: '2017-06-01' },
    { certification: 'CSCS', earnedOn: '2019-04-02' },
  ],
  member: false,
  ids: sequentialIds('a'),
};
/** One certification held since before the cycle: 6.0 CEUs from two categories (D9). */
export const cptOnly: Partial<CycleContext> = { certifications: [{ certification: 'NSCA-CPT', earnedOn: '2017-06-01' }] };

export const expectCycle = deciderSpec(cycleDecider, cycleContext);

export const report = (activityId: string, patch: Partial<ReportActivity> = {}): ReportActivity => ({
  type: 'ReportActivity',
  certificantId: 'c-1',
  cycle: '2018-2020',
  activityId,
  activityType: 'event-attendance',
  activityDate: '2019-06-05',
  title: `Coaching clinic ${activityId}`,
  hours: 20,
  reportedBy: 'certificant',
  reportedOn: '2020-02-01',
  ...patch,
});

/** An event as ReportActivity records it (the explanation is the policy's words). */
export const reported = (activityId: string, patch: Partial<ActivityReported['data']> = {}): ActivityReported => ({
  type: 'ActivityReported',
  data: {
    activityId,
    certificantId: 'c-1',
    cycle: '2018-2020',
    activityType: 'event-attendance',
    activityDate: '2019-06-05',
    title: `Coaching clinic ${activityId}`,
    hours: 20,
    category: 'A',
    tenths: 20,
    bodyRecorded: false,
    explanation: '20 hours x 0.1 CEU, at most 2.0 per event = 2.0 CEU',
    appliesTo: ['NSCA-CPT', 'CSCS'],
    reportedBy: 'certificant',
    recordedBy: 'staff-1',
    reportedOn: '2020-02-01',
    ...patch,
  },
});

export const firstAid = (activityId: string): ActivityReported =>
  reported(activityId, {
    activityType: 'first-aid',
    title: 'First Aid recertification',
    hours: undefined,
    category: 'C',
    tenths: 5,
    explanation: 'First Aid certification: 0.5 CEU each time',
  });

export const feePaid = (patch: Partial<FeePaid['data']> = {}): FeePaid => ({
  type: 'FeePaid',
  data: {
    feeId: 'f-1',
    feeType: 'recertification',
    certification: 'NSCA-CPT',
    amountCents: 7500,
    expectedCents: 7500,
    paidOn: '2020-03-01',
    recordedBy: 'staff-1',
    ...patch,
  },
});

/** NSCA-CPT complete: 6.0 A reported (5.5 applied, D3.4) + 0.5 C (D3.5), fee paid. */
export const completeHistory = [reported('a-1'), reported('a-2'), reported('a-3'), firstAid('a-4'), feePaid()];
