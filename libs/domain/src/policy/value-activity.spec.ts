import { policyFor } from './policy';
import { valueActivity, type ActivityInput } from './value-activity';

const p2018 = policyFor('2018-2020');
const p2024 = policyFor('2024-2026');

function value(input: Partial<ActivityInput> & Pick<ActivityInput, 'activityType'>, reporter: 'certificant' | 'staff' = 'certificant', policy = p2018) {
  return valueActivity(policy, { activityDate: '2019-05-01', title: 'An activity', ...input }, reporter);
}
const tenthsOf = (r: ReturnType<typeof value>) => (r.ok ? [r.category, r.tenths] : r.code);
const codeOf = (r: ReturnType<typeof value>) => (r.ok ? 'accepted' : r.code);

describe('valueActivity', () => {
  it('D3.7 attending an event is 0.1 CEU per hour, category A', () => {
    expect(tenthsOf(value({ activityType: 'event-attendance', hours: 6 }))).toEqual(['A', 6]);
  });

  it('D3.7 an event earns at most 2.0 CEUs', () => {
    expect(tenthsOf(value({ activityType: 'event-attendance', hours: 32 }))).toEqual(['A', 20]);
  });

  it('D3.6 a 20-hour conference with 10 hours inside the scope of practice yields 1.0 CEU', () => {
    expect(tenthsOf(value({ activityType: 'event-attendance', hours: 20, inScopeHours: 10 }))).toEqual(['A', 10]);
  });

  it('D3.6 in-scope hours cannot exceed the hours attended, and an event with none in scope earns nothing', () => {
    expect(codeOf(value({ activityType: 'event-attendance', hours: 5, inScopeHours: 6 }))).toBe('ACTIVITY_IN_SCOPE_HOURS_INVALID');
    expect(codeOf(value({ activityType: 'event-attendance', hours: 5, inScopeHours: 0 }))).toBe('ACTIVITY_NOTHING_IN_SCOPE');
    expect(codeOf(value({ activityType: 'event-attendance' }))).toBe('ACTIVITY_HOURS_REQUIRED');
  });

  it('D3.8 a 3-credit semester course is worth 1.5 CEU, category C', () => {
    expect(tenthsOf(value({ activityType: 'college-course', creditHours: 3, creditSystem: 'semester' }))).toEqual(['C', 15]);
  });

  it('D3.8 a 4-credit quarter course is worth 1.2 CEU', () => {
    expect(tenthsOf(value({ activityType: 'college-course', creditHours: 4, creditSystem: 'quarter' }))).toEqual(['C', 12]);
  });

  it('D3.8 a course earns at most 2.0 CEUs and needs its credit system', () => {
    expect(tenthsOf(value({ activityType: 'college-course', creditHours: 6, creditSystem: 'semester' }))).toEqual(['C', 20]);
    expect(codeOf(value({ activityType: 'college-course', creditHours: 3 }))).toBe('ACTIVITY_CREDIT_SYSTEM_REQUIRED');
    expect(codeOf(value({ activityType: 'college-course', creditSystem: 'semester' }))).toBe('ACTIVITY_CREDIT_HOURS_REQUIRED');
  });

  it('D3.9 First Aid is 0.5 CEU each time, category C', () => {
    expect(tenthsOf(value({ activityType: 'first-aid' }))).toEqual(['C', 5]);
  });

  it('D3.3 a fixed value cannot be adjusted: a different ceus is refused, the same one accepted', () => {
    const refused = value({ activityType: 'first-aid', ceus: 1.0 });
    expect(codeOf(refused)).toBe('ACTIVITY_VALUE_NOT_ADJUSTABLE');
    expect(refused.ok ? '' : refused.message).toContain('worth 0.5 CEU');
    expect(tenthsOf(value({ activityType: 'first-aid', ceus: 0.5 }))).toEqual(['C', 5]);
    // Computed values are not taken from the body either.
    expect(codeOf(value({ activityType: 'event-attendance', hours: 4, ceus: 0.8 }))).toBe('ACTIVITY_VALUE_NOT_ADJUSTABLE');
  });

  it('D3.10 pre-approved home study counts at its approved value and needs it', () => {
    expect(tenthsOf(value({ activityType: 'pre-approved-home-study', ceus: 0.7 }))).toEqual(['D', 7]);
    expect(codeOf(value({ activityType: 'pre-approved-home-study' }))).toBe('ACTIVITY_CEUS_REQUIRED');
    expect(codeOf(value({ activityType: 'pre-approved-home-study', ceus: 0.75 }))).toBe('ACTIVITY_CEUS_INVALID');
  });

  it('D3.11 personal development is category D in the FAQ cycle', () => {
    expect(tenthsOf(value({ activityType: 'personal-development', ceus: 0.3 }))).toEqual(['D', 3]);
  });

  it('D3.12 another NCCA-accredited certification is 1.0 CEU', () => {
    expect(tenthsOf(value({ activityType: 'ncca-certification' }))).toEqual(['D', 10]);
  });

  it('D3.13 an additional NSCA certification is 3.0 CEUs', () => {
    const r = value({ activityType: 'additional-nsca-certification' });
    expect(tenthsOf(r)).toEqual(['D', 30]);
    expect(r.ok && r.definition.completesAlone).toBe(false);
  });

  it('D3.14 a passed quiz (70 or more) earns its CEUs, typically 0.2', () => {
    expect(tenthsOf(value({ activityType: 'nsca-quiz', quizScore: 70 }, 'staff'))).toEqual(['B', 2]);
    expect(tenthsOf(value({ activityType: 'nsca-quiz', quizScore: 95, ceus: 0.3 }, 'staff'))).toEqual(['B', 3]);
  });

  it('D3.14 a failed quiz earns nothing and is refused', () => {
    const r = value({ activityType: 'nsca-quiz', quizScore: 69 }, 'staff');
    expect(codeOf(r)).toBe('QUIZ_NOT_PASSED');
    expect(codeOf(value({ activityType: 'nsca-quiz' }, 'staff'))).toBe('QUIZ_SCORE_REQUIRED');
  });

  it('D3.15 volunteering, publications and USADA/SafeSport are added by staff only', () => {
    for (const activityType of ['volunteer-service', 'publication', 'usada-safesport']) {
      expect(codeOf(value({ activityType, ceus: 1 }, 'certificant'))).toBe('ACTIVITY_STAFF_ONLY');
      expect(codeOf(value({ activityType, ceus: 1 }, 'staff'))).toBe('accepted');
    }
  });

  it('D3.16 an activity tied to a body event is body-recorded', () => {
    const r = value({ activityType: 'event-attendance', hours: 3, eventRef: 'NSCA-NATCON-2019' });
    expect(r.ok && r.bodyRecorded).toBe(true);
    const outside = value({ activityType: 'event-attendance', hours: 3 });
    expect(outside.ok && outside.bodyRecorded).toBe(false);
  });

  it('D3.17 CPR/AED is not an activity type: it earns no CEUs', () => {
    expect(codeOf(value({ activityType: 'cpr-aed' }))).toBe('CPR_AED_EARNS_NO_CEUS');
  });

  it('D1.4 CPR/AED is recorded on the certificant, not reported with CEUs', () => {
    const r = value({ activityType: 'CPR-AED' });
    expect(r.ok ? '' : r.message).toContain('CPR/AED card');
  });

  it('an unknown activity type is refused', () => {
    expect(codeOf(value({ activityType: 'yoga-retreat' }))).toBe('ACTIVITY_TYPE_UNKNOWN');
  });

  it('D2.6 an activity outside the cycle is refused: CEUs never roll over', () => {
    expect(codeOf(value({ activityType: 'first-aid', activityDate: '2021-01-01' }))).toBe('ACTIVITY_OUTSIDE_CYCLE');
    expect(codeOf(value({ activityType: 'first-aid', activityDate: '2019-02-30' }))).toBe('ACTIVITY_DATE_INVALID');
  });

  it('D9 later cycles regroup the categories: quizzes are D, home study C', () => {
    const at = { activityDate: '2025-05-01' };
    expect(tenthsOf(value({ ...at, activityType: 'nsca-quiz', quizScore: 80 }, 'staff', p2024))).toEqual(['D', 2]);
    expect(tenthsOf(value({ ...at, activityType: 'pre-approved-home-study', ceus: 0.5 }, 'certificant', p2024))).toEqual(['C', 5]);
  });
});
