import { expectAudit, requested, selected } from './fixtures';

const request = { type: 'RequestAuditDocuments' as const, auditId: 'au-1' };

describe('RequestAuditDocuments', () => {
  it('D5.3 D5.4 asks per activity and for the CPR/AED card; body-recorded activities need none', () => {
    expectAudit.given([selected]).when(request).then([requested]);
  });

  it('refuses an activity that is not counting in the cycle', () => {
    expectAudit.given([selected]).when({ ...request, activityIds: ['a-9'] }).thenThrows('AUDIT_ACTIVITY_UNKNOWN');
  });

  it('refuses on an audit that does not exist', () => {
    expectAudit.given([]).when(request).thenThrows('AUDIT_NOT_FOUND');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectAudit.given([selected, requested]).when(request).thenNothing();
  });
});
