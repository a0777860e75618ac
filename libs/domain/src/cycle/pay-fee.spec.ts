import { expectCycle, feePaid } from './fixtures';

const pay = {
  type: 'PayFee' as const,
  certificantId: 'c-1',
  cycle: '2018-2020',
  feeId: 'f-1',
  feeType: 'recertification',
  certification: 'NSCA-CPT',
  amountCents: 7500,
  paidOn: '2020-03-01',
};

describe('PayFee', () => {
  it('D4.2 a non-member certified before 2018 pays $90, $15 off before July 31, 2020', () => {
    expectCycle.given([]).when(pay).then([feePaid()]);
  });

  it('D4.2 members pay the member amount', () => {
    expectCycle.given([]).when({ ...pay, amountCents: 5000 }, { member: true }).then([feePaid({ amountCents: 5000, expectedCents: 5000 })]);
  });

  it('D4.2 refuses an amount other than the published fee', () => {
    expectCycle.given([]).when({ ...pay, amountCents: 9000 }).thenThrows('FEE_AMOUNT_MISMATCH');
  });

  it('D4.1 a recertification fee names its certification', () => {
    expectCycle.given([]).when({ ...pay, certification: undefined }).thenThrows('FEE_CERTIFICATION_REQUIRED');
  });

  it('D4.3 a membership fee is recorded, and is not a recertification fee', () => {
    expectCycle
      .given([])
      .when({ ...pay, feeType: 'membership', certification: undefined, amountCents: 12000 })
      .then([{ type: 'FeePaid', data: { feeId: 'f-1', feeType: 'membership', amountCents: 12000, expectedCents: null, paidOn: '2020-03-01', recordedBy: 'staff-1' } }]);
  });

  it('D4.4 the late fee ($35 in 2018-2020) is paid in the late window, not before the deadline', () => {
    const late = { ...pay, feeId: 'f-2', feeType: 'late', certification: undefined, amountCents: 3500, paidOn: '2021-01-10' };
    expect(expectCycle.given([]).when(late, { today: '2021-01-10' }).events()).toEqual([
      { type: 'FeePaid', data: { feeId: 'f-2', feeType: 'late', amountCents: 3500, expectedCents: 3500, paidOn: '2021-01-10', recordedBy: 'staff-1' } },
    ]);
    expectCycle.given([]).when({ ...late, paidOn: '2020-12-31' }, { today: '2021-01-10' }).thenThrows('LATE_FEE_NOT_DUE');
  });

  it('D8.2 the distinction fee is $25 for non-members', () => {
    const distinction = { ...pay, feeId: 'f-3', feeType: 'distinction', certification: undefined, amountCents: 2500 };
    expect(expectCycle.given([]).when(distinction).events()).toHaveLength(1);
    expectCycle.given([]).when(distinction, { member: true }).thenThrows('FEE_AMOUNT_MISMATCH');
  });

  it('D2.3 refuses a fee after the late window', () => {
    expectCycle.given([]).when({ ...pay, paidOn: '2021-02-01', amountCents: 9000 }, { today: '2021-02-02' }).thenThrows('FEE_PAYMENT_CLOSED');
  });

  it('refuses a second recertification fee for the same certification', () => {
    expectCycle.given([feePaid()]).when({ ...pay, feeId: 'f-2' }).thenThrows('FEE_ALREADY_PAID');
  });

  it('changes nothing when the same payment is recorded again (idempotent by fee id)', () => {
    expectCycle.given([feePaid()]).when(pay).thenNothing();
  });
});
