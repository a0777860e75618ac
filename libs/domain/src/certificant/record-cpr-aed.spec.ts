import type { CprAedRecorded } from './events';
import { expectCertificant, registered } from './fixtures';

const card: CprAedRecorded['data'] = {
  certificantId: 'c-1',
  provider: 'Red Cross',
  completedOn: '2024-02-01',
  expiresOn: '2026-02-01',
  coversAdult: true,
  skillsEvaluation: true,
  deliveredOnline: false,
};
const record = { type: 'RecordCprAed' as const, ...card };

describe('RecordCprAed', () => {
  it('D1.4 an in-person adult course is recorded', () => {
    expectCertificant.given([registered()]).when(record).then([{ type: 'CprAedRecorded', data: card }]);
  });

  it('D1.4 an online course with adults and a skills evaluation counts', () => {
    expectCertificant
      .given([registered()])
      .when({ ...record, deliveredOnline: true })
      .then([{ type: 'CprAedRecorded', data: { ...card, deliveredOnline: true } }]);
  });

  it('D1.4 an online course without a skills evaluation does not count', () => {
    expectCertificant
      .given([registered()])
      .when({ ...record, deliveredOnline: true, skillsEvaluation: false })
      .thenThrows('CPR_AED_ONLINE_NOT_ACCEPTED');
  });

  it('D1.4 after a lapse the renewal must be attended in person', () => {
    expectCertificant
      .given([registered(), { type: 'CprAedRecorded', data: card }])
      .when({ ...record, completedOn: '2026-03-01', expiresOn: '2028-03-01', deliveredOnline: true })
      .thenThrows('CPR_AED_LAPSED_MUST_BE_IN_PERSON');
  });

  it('D1.4 a renewal before the lapse may be online', () => {
    const renewal = { ...card, completedOn: '2026-01-15', expiresOn: '2028-01-15', deliveredOnline: true };
    expectCertificant
      .given([registered(), { type: 'CprAedRecorded', data: card }])
      .when({ ...record, ...renewal })
      .then([{ type: 'CprAedRecorded', data: renewal }]);
  });

  it('refuses a card that expires before it was completed', () => {
    expectCertificant.given([registered()]).when({ ...record, expiresOn: '2024-01-01' }).thenThrows('CPR_AED_DATES_INVALID');
  });

  it('changes nothing when the same card is recorded again (idempotent)', () => {
    expectCertificant.given([registered(), { type: 'CprAedRecorded', data: card }]).when(record).thenNothing();
  });
});
