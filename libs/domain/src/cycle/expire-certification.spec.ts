import { completeHistory, cptOnly, expectCycle, reported } from './fixtures';

const expire = { type: 'ExpireCertification' as const, certificantId: 'c-1', cycle: '2018-2020', reason: 'late-window-over' as const, asOf: '2021-02-01' };
const expired = { type: 'CertificationExpired' as const, data: { certification: 'NSCA-CPT' as const, expiredOn: '2021-02-01', reason: 'late-window-over' as const } };
const after = { ...cptOnly, today: '2021-02-01' };

describe('ExpireCertification', () => {
  it('D2.4 not complete by the end of the late window: the certification expires', () => {
    expectCycle.given([reported('a-1')]).when(expire, after).then([expired]);
  });

  it('D2.4 a complete certification does not expire', () => {
    expectCycle.given(completeHistory).when(expire, after).thenNothing();
  });

  it('D2.3 refuses while the late window is open', () => {
    expectCycle.given([reported('a-1')]).when({ ...expire, asOf: '2021-01-31' }, after).thenThrows('LATE_WINDOW_NOT_OVER');
  });

  it('D6.3 refuses while a granted extension runs', () => {
    expectCycle
      .given([reported('a-1'), { type: 'ExtensionGranted', data: { until: '2021-06-30', grantedOn: '2021-01-20', appealId: 'ap-1' } }])
      .when(expire, after)
      .thenThrows('LATE_WINDOW_NOT_OVER');
  });

  it('D5.4 a failed audit expires the certification, naming the audit', () => {
    expectCycle
      .given(completeHistory)
      .when({ ...expire, reason: 'audit-failed', auditId: 'au-1', asOf: '2021-04-02' }, { ...cptOnly, today: '2021-04-02' })
      .then([{ type: 'CertificationExpired', data: { certification: 'NSCA-CPT', expiredOn: '2021-04-02', reason: 'audit-failed', auditId: 'au-1' } }]);
    expectCycle.given(completeHistory).when({ ...expire, reason: 'audit-failed' }, after).thenThrows('EXPIRY_AUDIT_REQUIRED');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCycle.given([reported('a-1'), expired]).when(expire, { ...after, today: '2021-02-02' }).thenNothing();
  });
});
