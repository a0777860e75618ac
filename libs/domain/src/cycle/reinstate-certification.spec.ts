import { expectCycle, reported } from './fixtures';

const reinstate = { type: 'ReinstateCertification' as const, certificantId: 'c-1', cycle: '2018-2020', certification: 'NSCA-CPT' as const, appealId: 'ap-1' };
const expired = { type: 'CertificationExpired' as const, data: { certification: 'NSCA-CPT' as const, expiredOn: '2021-02-01', reason: 'late-window-over' as const } };
const reinstated = { type: 'CertificationReinstated' as const, data: { certification: 'NSCA-CPT' as const, reinstatedOn: '2021-04-20', appealId: 'ap-1' } };

describe('ReinstateCertification', () => {
  it('D6.3 a granted appeal reinstates an expired certification', () => {
    expectCycle.given([reported('a-1'), expired]).when(reinstate, { today: '2021-04-20' }).then([reinstated]);
  });
  it('refuses a certification that has not expired', () => {
    expectCycle.given([reported('a-1')]).when(reinstate, { today: '2021-04-20' }).thenThrows('CERTIFICATION_NOT_EXPIRED');
  });
  it('changes nothing when the same appeal is applied again (idempotent)', () => {
    expectCycle.given([reported('a-1'), expired, reinstated]).when(reinstate, { today: '2021-04-21' }).thenNothing();
  });
});
