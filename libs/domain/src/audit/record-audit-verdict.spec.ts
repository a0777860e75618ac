import { expectAudit, requested, selected, verdict } from './fixtures';

const reject = {
  type: 'RecordAuditVerdict' as const,
  auditId: 'au-1',
  activityId: 'a-2',
  verdict: 'rejected' as const,
  reason: 'clinical topic, out of scope',
  decidedOn: '2021-03-05',
};

describe('RecordAuditVerdict', () => {
  it('D5.3 records a verdict per activity, with the auditor', () => {
    expectAudit.given([selected, requested]).when(reject).then([verdict('a-2', 'rejected')]);
  });

  it('D5.4 a rejection needs its reason', () => {
    expectAudit.given([selected, requested]).when({ ...reject, reason: '' }).thenThrows('AUDIT_REJECTION_REASON_REQUIRED');
  });

  it('refuses changing a verdict already given', () => {
    expectAudit.given([selected, requested, verdict('a-2', 'accepted')]).when(reject).thenThrows('AUDIT_VERDICT_ALREADY_RECORDED');
  });

  it('changes nothing when the same verdict comes again (idempotent)', () => {
    expectAudit.given([selected, requested, verdict('a-2', 'rejected')]).when(reject).thenNothing();
  });
});
