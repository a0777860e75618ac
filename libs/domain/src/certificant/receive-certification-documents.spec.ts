import { certificantDecider } from './decider';
import { expectCertificant, documentsReceived, earned, registered } from './fixtures';
import { heldCertifications } from './state';

const receive = {
  type: 'ReceiveCertificationDocuments' as const,
  certificantId: 'c-1',
  certification: 'CSCS',
  documents: ['cpr-aed'],
};

describe('ReceiveCertificationDocuments', () => {
  it('D1.2 the initial documents put the certification on the account', () => {
    expectCertificant.given([registered(), earned('CSCS', '2019-04-02')]).when(receive).then([documentsReceived('CSCS')]);
  });

  it('D1.2 a certification without its documents is pending, not held', () => {
    const pending = [registered(), earned('CSCS', '2019-04-02')].reduce(certificantDecider.evolve, certificantDecider.initialState);
    expect(heldCertifications(pending)).toEqual([]);
    const held = certificantDecider.evolve(pending, documentsReceived('CSCS'));
    expect(heldCertifications(held)).toEqual([{ certification: 'CSCS', earnedOn: '2019-04-02' }]);
  });

  it('refuses documents for a certification not earned', () => {
    expectCertificant.given([registered()]).when(receive).thenThrows('CERTIFICATION_NOT_EARNED');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCertificant.given([registered(), earned('CSCS', '2019-04-02'), documentsReceived('CSCS')]).when(receive).thenNothing();
  });
});
