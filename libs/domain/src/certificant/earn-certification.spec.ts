import { expectCertificant, earned, holding, registered } from './fixtures';

const earn = { type: 'EarnCertification' as const, certificantId: 'c-1', certification: 'CSCS', earnedOn: '2019-04-02' };

describe('EarnCertification', () => {
  it('D1.2 a certification earned is recorded as pending until its documents arrive', () => {
    expectCertificant
      .given([registered()])
      .when(earn)
      .then([{ type: 'CertificationEarned', data: { certificantId: 'c-1', certification: 'CSCS', earnedOn: '2019-04-02', recordedOn: '2025-03-01' } }]);
  });

  it('D1.1 RSCC is a recognition, not a certification', () => {
    expectCertificant.given([registered()]).when({ ...earn, certification: 'RSCC' }).thenThrows('RSCC_NOT_A_CERTIFICATION');
  });

  it('D1.1 refuses a certification the body does not award', () => {
    expectCertificant.given([registered()]).when({ ...earn, certification: 'CPSS-X' }).thenThrows('CERTIFICATION_UNKNOWN');
  });

  it('D1.1 refuses a certification held twice', () => {
    expectCertificant
      .given([registered(), ...holding('CSCS', '2019-04-02')])
      .when({ ...earn, earnedOn: '2021-05-05' })
      .thenThrows('CERTIFICATION_ALREADY_HELD');
  });

  it('refuses an unknown account', () => {
    expectCertificant.given([]).when(earn).thenThrows('CERTIFICANT_NOT_REGISTERED');
  });

  it('refuses an earned date after today', () => {
    expectCertificant.given([registered()]).when({ ...earn, earnedOn: '2025-03-02' }).thenThrows('EARNED_DATE_IN_FUTURE');
  });

  it('changes nothing when repeated with the same date (idempotent)', () => {
    expectCertificant.given([registered(), earned('CSCS', '2019-04-02')]).when(earn).thenNothing();
  });
});
