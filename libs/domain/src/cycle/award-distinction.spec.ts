import { completeHistory, cptOnly, expectCycle, feePaid, reported } from './fixtures';

const award = { type: 'AwardDistinction' as const, certificantId: 'c-1', cycle: '2018-2020' };
const volunteering = (activityId: string) =>
  reported(activityId, {
    activityType: 'volunteer-service',
    title: `Volunteer leadership ${activityId}`,
    hours: undefined,
    declaredTenths: 50,
    category: 'B',
    tenths: 50,
    bodyRecorded: true,
    reportedBy: 'staff',
  });
const distinctionFee = feePaid({ feeId: 'f-2', feeType: 'distinction', certification: undefined, amountCents: 2500, expectedCents: 2500 });
const distinguished = [reported('a-1'), reported('a-2'), reported('a-3'), volunteering('v-1'), volunteering('v-2'), feePaid(), distinctionFee];

describe('AwardDistinction', () => {
  it('D8.2 complete, plus 10 CEUs from the body`s own activities: distinction awarded', () => {
    expectCycle
      .given(distinguished)
      .when(award, cptOnly)
      .then([{ type: 'DistinctionAwarded', data: { awardedOn: '2020-03-01', certifications: ['NSCA-CPT'], bodyActivityTenths: 100, requiredTenths: 100 } }]);
  });

  it('D8.2 refuses without the body`s activities', () => {
    expectCycle.given([...completeHistory, distinctionFee]).when(award, cptOnly).thenThrows('DISTINCTION_NOT_EARNED');
  });

  it('D8.2 refuses a non-member who has not paid the distinction fee', () => {
    expectCycle.given(distinguished.filter((event) => event !== distinctionFee)).when(award, cptOnly).thenThrows('DISTINCTION_NOT_EARNED');
  });

  it('D8.1 changes nothing when repeated in the same cycle (idempotent)', () => {
    expectCycle
      .given([...distinguished, { type: 'DistinctionAwarded', data: { awardedOn: '2020-03-01', certifications: ['NSCA-CPT'], bodyActivityTenths: 100, requiredTenths: 100 } }])
      .when(award, cptOnly)
      .thenNothing();
  });
});
