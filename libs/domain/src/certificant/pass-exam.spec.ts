import { expectCertificant, registered } from './fixtures';

const pass = { type: 'PassExam' as const, certificantId: 'c-1', certification: 'CSCS', passedOn: '2025-02-10' };

describe('PassExam', () => {
  it('D2.5 passing the exam again is recorded', () => {
    expectCertificant
      .given([registered()])
      .when(pass)
      .then([{ type: 'ExamPassed', data: { certificantId: 'c-1', certification: 'CSCS', passedOn: '2025-02-10' } }]);
  });

  it('D1.1 refuses an exam for something that is not a certification', () => {
    expectCertificant.given([registered()]).when({ ...pass, certification: 'RSCC' }).thenThrows('RSCC_NOT_A_CERTIFICATION');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectCertificant
      .given([registered(), { type: 'ExamPassed', data: { certificantId: 'c-1', certification: 'CSCS', passedOn: '2025-02-10' } }])
      .when(pass)
      .thenNothing();
  });
});
