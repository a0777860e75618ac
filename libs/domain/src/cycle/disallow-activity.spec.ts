import { expectCycle, reported } from './fixtures';

const disallow = {
  type: 'DisallowActivity' as const,
  certificantId: 'c-1',
  cycle: '2018-2020',
  activityId: 'a-1',
  reason: 'clinical topic, out of scope',
  auditId: 'au-1',
};
const disallowed = {
  type: 'ActivityDisallowed' as const,
  data: { activityId: 'a-1', reason: 'clinical topic, out of scope', disallowedOn: '2021-03-05', disallowedBy: 'auditor-1', auditId: 'au-1' },
};
const auditor = { today: '2021-03-05', actor: { id: 'auditor-1', role: 'auditor' } };

describe('DisallowActivity', () => {
  it('D5.4 D6.4 a rejected activity stops counting, recording who rejected it', () => {
    expectCycle.given([reported('a-1')]).when(disallow, auditor).then([disallowed]);
  });
  it('refuses without a reason', () => {
    expectCycle.given([reported('a-1')]).when({ ...disallow, reason: '' }, auditor).thenThrows('ACTIVITY_DISALLOW_REASON_REQUIRED');
  });
  it('refuses an activity that is not in the cycle', () => {
    expectCycle.given([]).when(disallow, auditor).thenThrows('ACTIVITY_NOT_FOUND');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectCycle.given([reported('a-1'), disallowed]).when(disallow, auditor).thenNothing();
  });
});
