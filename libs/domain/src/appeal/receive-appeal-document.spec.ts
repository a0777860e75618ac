import { expectAppeal, decided, filed } from './fixtures';

const receive = { type: 'ReceiveAppealDocument' as const, appealId: 'ap-1', kind: 'medical-record', reference: 'scan-17', receivedOn: '2021-02-20' };

describe('ReceiveAppealDocument', () => {
  it('D5.3 records documentation sent for the appeal', () => {
    expectAppeal
      .given([filed])
      .when(receive)
      .then([{ type: 'AppealDocumentReceived', data: { appealId: 'ap-1', kind: 'medical-record', reference: 'scan-17', receivedOn: '2021-02-20' } }]);
  });
  it('refuses documents after the decision', () => {
    expectAppeal.given([filed, decided()]).when(receive).thenThrows('APPEAL_ALREADY_DECIDED');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectAppeal
      .given([filed, { type: 'AppealDocumentReceived', data: { appealId: 'ap-1', kind: 'medical-record', reference: 'scan-17', receivedOn: '2021-02-20' } }])
      .when(receive)
      .thenNothing();
  });
});
