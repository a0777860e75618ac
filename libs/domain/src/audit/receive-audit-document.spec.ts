import { expectAudit, received, requested, selected } from './fixtures';

const receive = { type: 'ReceiveAuditDocument' as const, auditId: 'au-1', activityId: 'a-1', kind: 'certificate', reference: 'scan-a-1', receivedOn: '2021-03-01' };

describe('ReceiveAuditDocument', () => {
  it('D5.3 records what arrived for an activity', () => {
    expectAudit.given([selected, requested]).when(receive).then([received('a-1')]);
  });

  it('D5.4 refuses a document for an activity that needs none or was not requested', () => {
    expectAudit.given([selected, requested]).when({ ...receive, activityId: 'q-1' }).thenThrows('AUDIT_DOCUMENT_NOT_REQUESTED');
  });

  it('changes nothing when the same document is recorded again (idempotent)', () => {
    expectAudit.given([selected, requested, received('a-1')]).when(receive).thenNothing();
  });
});
