import { policyFor, nextCycleStart, type CyclePolicy } from '../policy/policy';
import type { ActivityFact, CycleFacts } from './cycle-facts';
import { attended, factsFor, firstAid, recertificationFee, reported } from './cycle-facts.fixtures';
import { cycleStatus, previewActivity, type CertificationCycleStatus } from './cycle-status';
import { cycleStatusView } from './cycle-status-view';

const p2018 = policyFor('2018-2020');
const p2021 = policyFor('2021-2023');
const p2024 = policyFor('2024-2026');

/** 6.0 CEUs in 2018-2020 for a certification held before 2018: A 5.5 (capped) + C 0.5. */
function sixCeus(): ActivityFact[] {
  return [attended(p2018, '2018-03-01', 20), attended(p2018, '2019-03-01', 20), attended(p2018, '2020-03-01', 15), firstAid(p2018, '2020-04-01')];
}

function statusOf(facts: CycleFacts, asOf: string, certification = facts.certifications[0].certification, policy: CyclePolicy = p2018): CertificationCycleStatus {
  const found = cycleStatus(facts, policy, asOf).certifications.find((c) => c.certification === certification);
  if (!found) throw new Error(`no ${certification} in the status`);
  return found;
}

const line = (s: CertificationCycleStatus, activityId: string) => s.ledger.find((l) => l.activityId === activityId);
const codes = (s: CertificationCycleStatus) => s.blockers.map((b) => b.code);

const cscsBefore2018 = [{ certification: 'CSCS' as const, earnedOn: '2015-06-01' }];

describe('cycleStatus: what counts', () => {
  it('D3.2 FAQ: CPT held before 2018, CSCS earned 4/2/2019: 6/5/2018 counts for the CPT only, later activity for both', () => {
    const june2018 = attended(p2018, '2018-06-05', 10);
    const may2019 = attended(p2018, '2019-05-01', 10);
    const facts = factsFor(p2018, {
      certifications: [{ certification: 'NSCA-CPT', earnedOn: '2017-11-01' }, { certification: 'CSCS', earnedOn: '2019-04-02' }],
      activities: [june2018, may2019],
    });
    const cpt = statusOf(facts, '2019-06-01', 'NSCA-CPT');
    const cscs = statusOf(facts, '2019-06-01', 'CSCS');
    expect([line(cpt, june2018.activityId)?.appliedTenths, line(cpt, may2019.activityId)?.appliedTenths]).toEqual([10, 10]);
    expect(line(cscs, june2018.activityId)).toMatchObject({ appliedTenths: 0, explanation: 'not counted for CSCS: before it was earned (2019-04-02)' });
    expect(line(cscs, may2019.activityId)?.appliedTenths).toBe(10);
  });

  it('D3.2 an activity on the very earned date counts for it (policy setting)', () => {
    const onTheDay = attended(p2018, '2019-04-02', 5);
    const facts = factsFor(p2018, { certifications: [{ certification: 'CSCS', earnedOn: '2019-04-02' }], activities: [onTheDay] });
    expect(statusOf(facts, '2019-05-01').appliedTenths).toBe(5);
    const strict = { ...p2018, countsOnEarnedDate: false };
    expect(statusOf(facts, '2019-05-01', 'CSCS', strict).appliedTenths).toBe(0);
  });

  it('D3.1 D2.6 an activity outside the cycle never counts: CEUs never roll over', () => {
    const previousCycle: ActivityFact = { ...attended(p2018, '2018-01-01', 10), activityId: 'old', activityDate: '2017-12-15' };
    const nextCycle: ActivityFact = { ...attended(p2018, '2020-12-31', 10), activityId: 'new', activityDate: '2021-01-05' };
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: [previousCycle, nextCycle] });
    const s = statusOf(facts, '2021-01-10');
    expect(s.appliedTenths).toBe(0);
    expect(line(s, 'old')?.explanation).toBe('not counted: outside the 2018-2020 cycle; CEUs never roll over');
    expect(line(s, 'new')?.appliedTenths).toBe(0);
  });

  it('D3.4 CEUs above a category maximum are kept but not applied, and explained', () => {
    // Earned in 2019: 2.0 required, category B at most 1.0.
    const first = reported(p2018, { activityType: 'presentation', activityDate: '2019-06-01', ceus: 0.8 });
    const second = reported(p2018, { activityType: 'presentation', activityDate: '2019-07-01', ceus: 0.5 });
    const facts = factsFor(p2018, { certifications: [{ certification: 'CSCS', earnedOn: '2019-01-15' }], activities: [second, first] });
    const s = statusOf(facts, '2019-08-01');
    expect(line(s, second.activityId)).toMatchObject({ reportedTenths: 5, appliedTenths: 2, explanation: '0.2 of 0.5 counted: category B maximum reached' });
    expect(s.byCategory.find((c) => c.category === 'B')).toEqual({ category: 'B', reportedTenths: 13, appliedTenths: 10, maxTenths: 10 });
    expect(s.appliedTenths).toBe(10);
  });

  it('D3.5 CEUs from one category do not complete where two are required', () => {
    // A policy whose category A maximum would allow 6.0 from A alone shows the rule on its own.
    const wide: CyclePolicy = { ...p2018, requirementRows: p2018.requirementRows.map((r) => ({ ...r, maxTenths: { ...r.maxTenths, A: 60 } })) };
    const onlyA = [attended(wide, '2018-03-01', 20), attended(wide, '2019-03-01', 20), attended(wide, '2020-03-01', 20)];
    const facts = factsFor(wide, { certifications: cscsBefore2018, activities: onlyA, fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });
    const s = statusOf(facts, '2020-10-01', 'CSCS', wide);
    expect(s.appliedTenths).toBe(60);
    expect(s.status).toBe('InProgress');
    expect(codes(s)).toEqual(['TWO_CATEGORIES_REQUIRED']);
    const withC = { ...facts, activities: [...onlyA, firstAid(wide, '2020-09-15')] };
    expect(statusOf(withC, '2020-10-01', 'CSCS', wide).status).toBe('Complete');
  });

  it('D3.5 a requirement of 1.0 CEU is met from one category', () => {
    const facts = factsFor(p2018, {
      certifications: [{ certification: 'CSCS', earnedOn: '2020-03-01' }],
      activities: [attended(p2018, '2020-05-01', 10)],
      fees: [recertificationFee('CSCS', 3500, '2020-08-01')],
    });
    expect(statusOf(facts, '2020-09-01')).toMatchObject({ requiredTenths: 10, categoriesUsed: ['A'], status: 'Complete' });
  });

  it('D3.11 personal development counts at most 0.5 per year of the cycle the person was certified', () => {
    const pd = (date: string) => reported(p2018, { activityType: 'personal-development', activityDate: date, ceus: 1.0 });
    const [a, b] = [pd('2019-06-01'), pd('2020-06-01')];
    const before = statusOf(factsFor(p2018, { certifications: cscsBefore2018, activities: [a, b] }), '2020-07-01');
    expect(before.byCategory.find((c) => c.category === 'D')?.appliedTenths).toBe(15);
    expect(line(before, b.activityId)?.explanation).toBe('0.5 of 1.0 counted: personal development maximum of 1.5 for 3 years certified reached');
    // Certified in the cycle's second year: two years, 1.0 (2024-2026 puts it in C, whose maximum is 1.5).
    const pd24 = (date: string) => reported(p2024, { activityType: 'personal-development', activityDate: date, ceus: 1.0 });
    const [c, d] = [pd24('2025-06-01'), pd24('2026-06-01')];
    const in2025 = statusOf(factsFor(p2024, { certifications: [{ certification: 'CSCS', earnedOn: '2025-03-01' }], activities: [c, d] }), '2026-07-01', 'CSCS', p2024);
    expect(in2025.byCategory.find((x) => x.category === 'C')).toMatchObject({ appliedTenths: 10, maxTenths: 15 });
    expect(line(in2025, d.activityId)?.explanation).toBe('not counted for CSCS: personal development maximum of 1.0 for 2 years certified reached');
  });

  it('D3.13 an additional NSCA certification does not by itself complete recertification', () => {
    const extra = reported(p2018, { activityType: 'additional-nsca-certification', activityDate: '2020-04-01' });
    const base = factsFor(p2018, {
      certifications: [{ certification: 'CSCS', earnedOn: '2020-02-01' }],
      activities: [extra],
      fees: [recertificationFee('CSCS', 3500, '2020-08-01')],
    });
    const alone = statusOf(base, '2020-09-01');
    expect(alone.appliedTenths).toBe(10);
    expect(alone.status).toBe('InProgress');
    expect(codes(alone)).toEqual(['ADDITIONAL_CERTIFICATION_NOT_ENOUGH']);
    expect(statusOf({ ...base, activities: [extra, firstAid(p2018, '2020-05-01')] }, '2020-09-01').status).toBe('Complete');
  });

  it('D3.16 the same NSCA event reported by the certificant and added by staff counts once', () => {
    const byStaff = reported(p2024, { activityType: 'event-attendance', activityDate: '2026-06-10', hours: 8, title: 'NSCA Coaches Conference', eventRef: 'EV-26-01' }, { reportedBy: 'staff', reportedOn: '2026-06-20' });
    const bySelf = reported(p2024, { activityType: 'event-attendance', activityDate: '2026-06-10', hours: 8, title: 'NSCA coaches conference ' }, { reportedOn: '2026-06-25' });
    const facts = factsFor(p2024, { certifications: [{ certification: 'CSCS', earnedOn: '2015-01-01' }], activities: [bySelf, byStaff] });
    const s = statusOf(facts, '2026-07-01', 'CSCS', p2024);
    expect(s.appliedTenths).toBe(8);
    expect(line(s, bySelf.activityId)).toMatchObject({ appliedTenths: 0, explanation: 'counted once: already added by staff on 2026-06-20' });
  });

  it('D3.16 a batch row with the same external reference counts once; different events on one day both count', () => {
    const row = reported(p2024, { activityType: 'nsca-quiz', activityDate: '2025-02-01', quizScore: 90, externalRef: 'QZ-77', title: 'Quiz 7' }, { reportedBy: 'staff', reportedOn: '2025-02-02' });
    const again = { ...row, activityId: 'again', title: 'Quiz 7 (resent)', reportedOn: '2025-03-01' };
    const otherEvent = reported(p2024, { activityType: 'event-attendance', activityDate: '2025-02-01', hours: 3, title: 'Workshop', eventRef: 'EV-1' }, { reportedBy: 'staff' });
    const thirdEvent = reported(p2024, { activityType: 'event-attendance', activityDate: '2025-02-01', hours: 2, title: 'Workshop', eventRef: 'EV-2' }, { reportedBy: 'staff' });
    const facts = factsFor(p2024, { certifications: [{ certification: 'CSCS', earnedOn: '2015-01-01' }], activities: [row, again, otherEvent, thirdEvent] });
    const s = statusOf(facts, '2025-04-01', 'CSCS', p2024);
    expect(line(s, 'again')?.explanation).toBe('counted once: already added by staff on 2025-02-02');
    expect(s.appliedTenths).toBe(2 + 3 + 2);
  });

  it('D3.16 a duplicate counts once across certifications too: never twice for either', () => {
    const first = attended(p2018, '2019-06-01', 10, { title: 'Clinic', reportedOn: '2019-06-02' });
    const copy = { ...first, activityId: 'copy', reportedOn: '2019-06-03' };
    const facts = factsFor(p2018, { certifications: [{ certification: 'NSCA-CPT', earnedOn: '2015-01-01' }, { certification: 'CSCS', earnedOn: '2016-01-01' }], activities: [first, copy] });
    for (const c of cycleStatus(facts, p2018, '2019-07-01').certifications) expect(c.appliedTenths).toBe(10);
  });
});

describe('cycleStatus: completion', () => {
  const complete = () => factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus(), fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });

  it('D4.1 CEUs reached after caps and the fee for that certification paid: Complete, with the date it became so', () => {
    const s = statusOf(complete(), '2020-12-31');
    expect(s).toMatchObject({ status: 'Complete', appliedTenths: 60, requiredTenths: 60, recertificationFeePaid: true, completedOn: '2020-09-01', blockers: [] });
  });

  it('D4.1 a fee is paid per certification: the CSCS fee does not pay the CPT', () => {
    const facts = { ...complete(), certifications: [...cscsBefore2018, { certification: 'NSCA-CPT' as const, earnedOn: '2016-01-01' }] };
    const cpt = statusOf(facts, '2020-10-01', 'NSCA-CPT');
    expect(cpt.status).toBe('CeusMet');
    expect(cpt.blockers).toEqual([{ code: 'RECERTIFICATION_FEE_MISSING', message: 'The NSCA-CPT recertification fee ($65.00) has not been paid.' }]);
  });

  it('D4.2 the fee must be the amount due: a non-member paying the member amount has not paid', () => {
    const facts = { ...complete(), member: false };
    expect(statusOf(facts, '2020-10-01')).toMatchObject({ status: 'CeusMet', recertificationFeePaid: false, recertificationFeeCents: 9000 });
    const early = { ...complete(), fees: [recertificationFee('CSCS', 5000, '2020-07-01')] };
    expect(statusOf(early, '2020-10-01').status).toBe('Complete');
  });

  it('D4.2 where the amount is not published (null), any recertification payment counts', () => {
    const act = (d: string, h: number) => attended(p2024, d, h);
    const facts = factsFor(p2024, {
      certifications: [{ certification: 'CSCS', earnedOn: '2026-02-01' }],
      activities: [act('2026-03-01', 10)],
      fees: [recertificationFee('CSCS', 1, '2026-04-01')],
    });
    expect(statusOf(facts, '2026-05-01', 'CSCS', p2024)).toMatchObject({ status: 'Complete', recertificationFeeCents: null });
  });

  it('D4.3 a membership fee never pays the recertification fee, and the status says so', () => {
    const facts = { ...complete(), fees: [{ feeType: 'membership' as const, amountCents: 12000, paidOn: '2020-05-01' }] };
    const s = statusOf(facts, '2020-10-01');
    expect(s.status).toBe('CeusMet');
    expect(s.blockers[1]).toEqual({ code: 'OTHER_FEE_NOT_RECERTIFICATION', message: 'A membership fee was paid on 2020-05-01; it does not pay the CSCS recertification fee.' });
  });

  it('D4.5 every status other than Complete names what blocks completion', () => {
    const s = statusOf(factsFor(p2018, { certifications: cscsBefore2018, activities: [attended(p2018, '2019-01-01', 20)] }), '2020-01-01');
    expect(s.status).toBe('InProgress');
    expect(s.blockers).toEqual([
      { code: 'CEUS_SHORT', message: 'CSCS needs 6.0 CEUs; 2.0 are applied (4.0 to go).' },
      { code: 'TWO_CATEGORIES_REQUIRED', message: 'CSCS needs CEUs applied from at least two categories; all applied CEUs are from category A.' },
      // Before July 31, 2020 the early discount applies (D4.2).
      { code: 'RECERTIFICATION_FEE_MISSING', message: 'The CSCS recertification fee ($50.00) has not been paid.' },
    ]);
  });

  it('D2.2 a certification earned from July 1 of the last year is NotRequired and says where it goes', () => {
    const facts = factsFor(p2018, { certifications: [{ certification: 'CSCS', earnedOn: '2020-07-15' }], activities: [attended(p2018, '2020-08-01', 5)] });
    const s = statusOf(facts, '2020-09-01');
    expect(s).toMatchObject({ required: false, status: 'NotRequired', requiredTenths: 0, appliedTenths: 0 });
    expect(s.blockers[0].message).toContain('carried into 2021-2023, whose CEUs count from 2021-01-01');
  });

  it('D2.3 D4.4 completing in the late window needs the $35 late fee until January 31: CompleteLate', () => {
    const late = { ...complete(), fees: [recertificationFee('CSCS', 6500, '2021-01-10')] };
    const waiting = statusOf(late, '2021-01-20');
    expect(waiting).toMatchObject({ status: 'CeusMet', lateFeeDue: true, lateFeePaid: false });
    expect(waiting.blockers).toEqual([{ code: 'LATE_FEE_MISSING', message: 'The 2020-12-31 deadline has passed: completing CSCS now also needs the late fee ($35.00), by 2021-01-31.' }]);
    const paid = { ...late, fees: [...late.fees, { feeType: 'late' as const, amountCents: 3500, paidOn: '2021-01-31' }] };
    const s = statusOf(paid, '2021-03-01');
    expect(s).toMatchObject({ status: 'CompleteLate', completedOn: '2021-01-31', lateFeeDue: true, lateFeePaid: true });
    expect(codes(s)).toEqual(['COMPLETED_LATE']);
  });

  it('D2.3 CEUs reported late count when earned inside the cycle', () => {
    const activities = sixCeus().map((a) => ({ ...a, reportedOn: '2021-01-05' }));
    const facts = factsFor(p2018, {
      certifications: cscsBefore2018,
      activities,
      fees: [recertificationFee('CSCS', 6500, '2020-11-01'), { feeType: 'late', amountCents: 3500, paidOn: '2021-01-06' }],
    });
    expect(statusOf(facts, '2020-12-31').status).toBe('InProgress');
    expect(statusOf(facts, '2021-01-31')).toMatchObject({ status: 'CompleteLate', completedOn: '2021-01-06' });
  });

  it('D2.3 after a late completion the next cycle counts CEUs from February 1', () => {
    const countsFrom = nextCycleStart(p2018, '2015-06-01', '2021-01-31').countsFrom;
    expect(countsFrom).toBe('2021-02-01');
    const jan = attended(p2021, '2021-01-20', 10);
    const feb = attended(p2021, '2021-02-01', 10);
    const facts = factsFor(p2021, { certifications: [{ certification: 'CSCS', earnedOn: '2015-06-01', countsFrom }], activities: [jan, feb] });
    const s = statusOf(facts, '2021-03-01', 'CSCS', p2021);
    expect(line(s, jan.activityId)?.explanation).toBe('not counted for CSCS: its CEUs count from 2021-02-01 after the late completion of the previous cycle');
    expect(s.appliedTenths).toBe(10);
  });

  it('D2.2 the July 2020 certificant carried to 2021-2023 earns from January 1 and needs the full 6.0', () => {
    const facts = factsFor(p2021, { certifications: [{ certification: 'CSCS', earnedOn: '2020-07-20' }], activities: [attended(p2021, '2021-01-01', 10)] });
    const s = statusOf(facts, '2021-02-01', 'CSCS', p2021);
    expect(s).toMatchObject({ required: true, requiredTenths: 60, appliedTenths: 10, countsFrom: '2021-01-01', status: 'InProgress' });
  });

  it('D2.4 not complete when the late window ends: Expired from February 1, before any expiry is recorded', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus() });
    expect(statusOf(facts, '2021-01-31').status).toBe('CeusMet');
    const s = statusOf(facts, '2021-02-01');
    expect(s.status).toBe('Expired');
    expect(s.blockers[0]).toEqual({ code: 'LATE_WINDOW_ENDED', message: 'CSCS was not complete when the late window ended on 2021-01-31.' });
    // A fee paid after the window does not bring it back.
    const tooLate = { ...facts, fees: [recertificationFee('CSCS', 6500, '2021-02-03'), { feeType: 'late' as const, amountCents: 3500, paidOn: '2021-02-03' }] };
    expect(statusOf(tooLate, '2021-03-01').status).toBe('Expired');
  });

  it('D4.4 complete at the deadline, corrected in January: still Complete, no late fee', () => {
    const [a, b, c, aid] = sixCeus();
    const corrected = { ...aid, withdrawnOn: '2021-01-05' };
    const again = firstAid(p2018, '2020-04-01', { activityId: 'again', title: 'First Aid (corrected)', reportedOn: '2021-01-06' });
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: [a, b, c, corrected, again], fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });
    expect(statusOf(facts, '2021-01-05')).toMatchObject({ status: 'InProgress', lateFeeDue: false });
    expect(statusOf(facts, '2021-01-10')).toMatchObject({ status: 'Complete', lateFeeDue: false, completedOn: '2021-01-06', blockers: [] });
  });

  it('D2.4 a recorded expiry shows as Expired with its reason', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, expired: [{ certification: 'CSCS', on: '2021-02-01', reason: 'the late window ended' }] });
    expect(statusOf(facts, '2021-02-02').blockers).toEqual([{ code: 'CERTIFICATION_EXPIRED', message: 'CSCS expired on 2021-02-01: the late window ended.' }]);
  });

  it('D2.5 passing the exam again before the deadline recertifies without CEUs; the fee still applies', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, examPassed: [{ certification: 'CSCS', on: '2020-10-01' }] });
    expect(statusOf(facts, '2020-11-01')).toMatchObject({ status: 'CeusMet', appliedTenths: 0 });
    const paid = { ...facts, fees: [recertificationFee('CSCS', 6500, '2020-11-15')] };
    expect(statusOf(paid, '2020-12-01')).toMatchObject({ status: 'Complete', completedOn: '2020-11-15' });
    const afterDeadline = { ...paid, examPassed: [{ certification: 'CSCS' as const, on: '2021-01-10' }] };
    expect(statusOf(afterDeadline, '2021-01-20').status).toBe('InProgress');
  });

  it('facts reported or paid after asOf are ignored, so a past status can be recomputed', () => {
    const facts = complete();
    expect(statusOf(facts, '2020-08-31').status).toBe('CeusMet');
    expect(statusOf(facts, '2019-12-31')).toMatchObject({ status: 'InProgress', appliedTenths: 40 });
  });
});

describe('cycleStatus: audit, appeals, distinction', () => {
  const completed = () => factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus(), fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });

  it('D4.6 D5.4 an activity rejected in audit stops counting; short CEUs leave it to the open audit', () => {
    const base = completed();
    const rejected = { ...base.activities[3], disallowed: { on: '2021-03-10', reason: 'no certificate of completion' } };
    const facts: CycleFacts = { ...base, activities: [...base.activities.slice(0, 3), rejected], audit: { auditId: 'au-1', status: 'open', selectedOn: '2021-02-15' } };
    expect(statusOf(facts, '2021-03-09').status).toBe('Complete');
    const s = statusOf(facts, '2021-03-10');
    expect(s.status).toBe('InProgress');
    expect(codes(s)).toEqual(['CEUS_SHORT', 'TWO_CATEGORIES_REQUIRED', 'AUDIT_OPEN']);
    expect(line(s, rejected.activityId)?.explanation).toBe('rejected in audit on 2021-03-10: no certificate of completion');
    expect(cycleStatus(facts, p2018, '2021-03-10').audit).toEqual({ auditId: 'au-1', status: 'open', selectedOn: '2021-02-15' });
  });

  it('D5.4 a failed audit ends with the certification expired', () => {
    const facts: CycleFacts = { ...completed(), audit: { status: 'failed', selectedOn: '2021-02-15', closedOn: '2021-04-30' } };
    expect(statusOf(facts, '2021-04-29').status).toBe('Complete');
    expect(statusOf(facts, '2021-05-01')).toMatchObject({ status: 'Expired', blockers: [{ code: 'AUDIT_FAILED', message: 'The 2018-2020 audit failed, so CSCS is not recertified.' }] });
  });

  it('D6.3 an extension moves the late deadline and supersedes the expiry recorded before it', () => {
    const facts: CycleFacts = {
      ...factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus().map((a) => ({ ...a, reportedOn: '2021-04-01' })) }),
      expired: [{ certification: 'CSCS', on: '2021-02-01', reason: 'the late window ended' }],
      extension: { until: '2021-05-31', grantedOn: '2021-03-20' },
      fees: [recertificationFee('CSCS', 6500, '2021-04-02'), { feeType: 'late', amountCents: 3500, paidOn: '2021-04-02' }],
    };
    expect(statusOf(facts, '2021-03-01').status).toBe('Expired');
    expect(statusOf(facts, '2021-04-05')).toMatchObject({ status: 'CompleteLate', completedOn: '2021-04-02' });
    expect(cycleStatus(facts, p2018, '2021-04-05').lateDeadline).toBe('2021-05-31');
  });

  it('D6.3 a reinstatement on appeal shows as Reinstated', () => {
    const facts = factsFor(p2018, {
      certifications: cscsBefore2018,
      expired: [{ certification: 'CSCS', on: '2021-02-01', reason: 'the late window ended' }],
      reinstated: [{ certification: 'CSCS', on: '2021-04-20' }],
    });
    expect(statusOf(facts, '2021-04-19').status).toBe('Expired');
    expect(statusOf(facts, '2021-04-20')).toMatchObject({ status: 'Reinstated', blockers: [{ code: 'REINSTATED', message: 'CSCS was reinstated on appeal on 2021-04-20.' }] });
  });

  it('D8 distinction: complete, plus 10 CEUs of body activities and 2 per additional certification, caps not applied', () => {
    const quiz = (d: string, n: number) => reported(p2018, { activityType: 'nsca-quiz', activityDate: d, quizScore: 90, ceus: 1.0, title: `Quiz ${n}` }, { reportedBy: 'staff' });
    const quizzes = Array.from({ length: 12 }, (_, i) => quiz(`2019-${String(i + 1).padStart(2, '0')}-10`, i));
    const two = [...cscsBefore2018, { certification: 'NSCA-CPT' as const, earnedOn: '2016-01-01' }];
    const facts = factsFor(p2018, {
      certifications: two,
      activities: [...sixCeus(), ...quizzes],
      fees: [recertificationFee('CSCS', 6500, '2020-09-01'), recertificationFee('NSCA-CPT', 6500, '2020-09-01')],
    });
    const d = cycleStatus(facts, p2018, '2020-10-01').distinction;
    expect(d).toMatchObject({ eligible: true, requiredTenths: 120, bodyActivityTenths: 120 });
    const fewer = cycleStatus({ ...facts, activities: [...sixCeus(), ...quizzes.slice(1)] }, p2018, '2020-10-01').distinction;
    expect(fewer.eligible).toBe(false);
    expect(fewer.reasons).toContain("11.0 of 12.0 CEUs from the body's own activities");
    const nonMember = cycleStatus({ ...facts, member: false, fees: [recertificationFee('CSCS', 9000, '2020-09-01'), recertificationFee('NSCA-CPT', 9000, '2020-09-01')] }, p2018, '2020-10-01').distinction;
    expect(nonMember).toMatchObject({ eligible: false, reasons: expect.arrayContaining(['distinction fee of $25.00 not paid']) });
  });

  it('D4a.1 a withdrawn activity is explained and no longer counts', () => {
    const a = attended(p2018, '2019-01-01', 10, { withdrawnOn: '2019-02-01' });
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: [a] });
    expect(line(statusOf(facts, '2019-01-15'), a.activityId)?.appliedTenths).toBe(10);
    expect(line(statusOf(facts, '2019-02-01'), a.activityId)).toMatchObject({ appliedTenths: 0, explanation: 'withdrawn on 2019-02-01' });
  });
});

describe('previewActivity', () => {
  it('D4a.2 shows the status before and after, records nothing', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus().slice(0, 3), fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });
    const snapshot = JSON.stringify(facts);
    const preview = previewActivity(facts, p2018, '2020-10-01', { activityType: 'first-aid', activityDate: '2020-09-20', title: 'Red Cross First Aid' }, 'certificant');
    if (!preview.ok) throw new Error(preview.code);
    expect(preview.statusBefore.certifications[0]).toMatchObject({ status: 'InProgress', appliedTenths: 55 });
    expect(preview.statusAfter.certifications[0].status).toBe('Complete');
    expect(preview).toMatchObject({ category: 'C', tenths: 5, appliesTo: ['CSCS'] });
    expect(preview.explanation).toBe('First Aid certification: 0.5 CEU each time; CSCS: counted for CSCS: 0.5 CEU');
    expect(JSON.stringify(facts)).toBe(snapshot);
  });

  it('D4a.2 a preview refused by the policy answers with the refusal code', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018 });
    expect(previewActivity(facts, p2018, '2020-10-01', { activityType: 'nsca-quiz', activityDate: '2020-09-20', title: 'Quiz', quizScore: 50 }, 'staff')).toMatchObject({ ok: false, code: 'QUIZ_NOT_PASSED' });
  });
});

describe('cycleStatusView', () => {
  it('D4a.1 the api.md shape carries CEUs as decimals and the same explanations', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus(), fees: [recertificationFee('CSCS', 6500, '2020-09-01')] });
    const view = cycleStatusView(cycleStatus(facts, p2018, '2020-10-01'), 'c-1');
    expect(view.certifications[0]).toMatchObject({ requiredCeus: 6, appliedCeus: 6, status: 'Complete' });
    expect(view.certifications[0].byCategory[0]).toEqual({ category: 'A', reportedCeus: 5.5, appliedCeus: 5.5, maxCeus: 5.5 });
    expect(view.certifications[0].ledger[2]).toMatchObject({ reportedCeus: 1.5, appliedCeus: 1.5, explanation: 'counted for CSCS: 1.5 CEU' });
  });

  // Console gap 4: the ledger names each activity as reported, so staff tell the lines apart.
  it('D4a.1 each ledger line carries the title the activity was reported with', () => {
    const facts = factsFor(p2018, { certifications: cscsBefore2018, activities: sixCeus() });
    const view = cycleStatusView(cycleStatus(facts, p2018, '2020-10-01'), 'c-1');
    const titles = new Map(facts.activities.map((a) => [a.activityId, a.title]));
    expect(view.certifications[0].ledger.length).toBeGreaterThan(0);
    for (const line of view.certifications[0].ledger) expect(line.title).toBe(titles.get(line.activityId));
  });
});
