import type { ActivityType, BusinessDate, Category, Cents, CycleName, Reporter, Tenths } from '../shared/types';
import { addDays, dateIn, yearOf } from '../shared/dates';

/**
 * A cycle's policy is data (domain.md, D9): dates, requirement rows, catalogue, fees, audit and
 * distinction settings. Code never branches on a year; it reads the policy in force.
 */

export interface RequirementRow {
  /** Earned-date range, inclusive; `null` is open-ended. */
  earnedFrom: BusinessDate | null;
  earnedTo: BusinessDate | null;
  /** In the team's words: "before 2018", "Jan 1 - Jun 30, 2020". */
  label: string;
  requiredTenths: Tenths;
  maxTenths: Record<Category, Tenths>;
  /** D3.5: CEUs must be applied from at least two categories. */
  twoCategoryRule: boolean;
  /** D3.5: a requirement of 1.0 CEU may be met from one category (lifts `twoCategoryRule`). */
  oneCategoryExemption: boolean;
  /** D2.2: nothing required in this cycle; carried into the next cycle. */
  carriedIntoNextCycle: boolean;
}

export type ActivityValue =
  | { kind: 'fixed'; tenths: Tenths }
  | { kind: 'per-hour'; tenthsPerHour: Tenths; maxPerItem: Tenths }
  | { kind: 'credit-hours'; semesterTenths: Tenths; quarterTenths: Tenths; maxPerItem: Tenths }
  /** The reporter states the CEUs (approved home-study value, quiz CEUs, staff-set values). */
  | { kind: 'declared'; defaultTenths?: Tenths; maxPerItem?: Tenths };

export type ActivityField = 'hours' | 'creditHours' | 'creditSystem' | 'ceus' | 'quizScore' | 'eventRef';

export interface ActivityDefinition {
  activityType: ActivityType;
  category: Category;
  /** How it is named to people. */
  name: string;
  value: ActivityValue;
  /** D3.3: false = the reporter cannot change the value the policy gives it. */
  adjustable: boolean;
  /** D3.15: who may put it on record. */
  reportableBy: Reporter[];
  /** The body records it itself (D5.4: no documents needed; D8: counts toward distinction). */
  bodyRecorded: boolean;
  requires: ActivityField[];
  /** D3.14: the lowest passing quiz score. */
  passingScore?: number;
  /** D3.11: a per-cycle cap of this type, per year of the cycle in which the person was certified. */
  cycleCapPerCertifiedYearTenths?: Tenths;
  /** D3.13: false = CEUs of this type alone never complete recertification. */
  completesAlone: boolean;
}

export interface FeeBand {
  earnedFrom: BusinessDate | null;
  earnedTo: BusinessDate | null;
  /** `null` = not published yet, to be filled in by staff (see docs/domain.md). */
  memberCents: Cents | null;
  nonMemberCents: Cents | null;
}

export interface CyclePolicy {
  cycle: CycleName;
  version: number;
  /** Not yet published by the body: assumed from the previous cycle's shape. */
  provisional: boolean;
  startsOn: BusinessDate;
  /** The deadline: the end of December 31 (D2.1). */
  endsOn: BusinessDate;
  /** D2.3: late reporting until January 31 after the deadline. */
  lateWindowEndsOn: BusinessDate;
  /** D2.3 / D4.4; `null` = not published, any late fee paid is accepted. */
  lateFeeCents: Cents | null;
  /** D2.3: a certificant completing late counts CEUs in the next cycle from this date. */
  lateCompletionNextCycleStartsOn: BusinessDate;
  /** D6.2 */
  appealWindow: { opensOn: BusinessDate; closesOn: BusinessDate };
  /** D6.2 (2024-2026 policy); `null` where not published. */
  accommodationRequestDeadline: BusinessDate | null;
  /** D5 */
  audit: {
    draw: 'after-deadline' | 'on-fee-paid';
    notifyBy: BusinessDate | null;
    responseDays: number;
    /** Share of the population drawn (0..1). */
    defaultRate: number;
  };
  /** D9 */
  requirementRows: RequirementRow[];
  categories: { code: Category; name: string }[];
  catalogue: ActivityDefinition[];
  /** D4.2 */
  fees: {
    recertification: FeeBand[];
    /** $15 off before 2020-07-31 in 2018-2020: applies when `paidOn < paidBefore`. */
    earlyDiscount: { paidBefore: BusinessDate; cents: Cents } | null;
  };
  /** D3.2: an activity on the very earned date counts for it. */
  countsOnEarnedDate: boolean;
  /** D3.11 */
  personalDevelopmentPerYearTenths: Tenths;
  /** D8 */
  distinction: {
    baseTenths: Tenths;
    perAdditionalCertificationTenths: Tenths;
    memberFeeCents: Cents;
    nonMemberFeeCents: Cents;
  };
  /** D2.2: 'MM-DD' of the cycle's last year from which a new certification is carried over. */
  carryOverFrom: string;
}

// ---------------------------------------------------------------------------------------------
// Cycle names and bounds (D2.1)

const CYCLE_PATTERN = /^(\d{4})-(\d{4})$/;
const ANCHOR_YEAR = 2018;

export function cycleOf(date: BusinessDate): CycleName {
  const year = yearOf(date);
  const start = ANCHOR_YEAR + 3 * Math.floor((year - ANCHOR_YEAR) / 3);
  return `${start}-${start + 2}`;
}

export function cycleBounds(cycle: CycleName): { startsOn: BusinessDate; endsOn: BusinessDate } {
  const match = CYCLE_PATTERN.exec(cycle);
  const first = match ? Number(match[1]) : NaN;
  if (!match || Number(match[2]) !== first + 2 || (first - ANCHOR_YEAR) % 3 !== 0) {
    throw new PolicyNotFound(cycle);
  }
  return { startsOn: dateIn(first, '01-01'), endsOn: dateIn(first + 2, '12-31') };
}

export function nextCycleOf(cycle: CycleName): CycleName {
  const { endsOn } = cycleBounds(cycle);
  return cycleOf(addDays(endsOn, 1));
}

// ---------------------------------------------------------------------------------------------
// The policies

export class PolicyNotFound extends Error {
  readonly code = 'POLICY_NOT_FOUND';
  constructor(readonly cycle: CycleName, readonly version?: number) {
    super(
      version === undefined
        ? `There is no recertification policy for the cycle "${cycle}".`
        : `There is no version ${version} of the recertification policy for ${cycle}.`,
    );
  }
}

function caps(a: number, b: number, c: number, d: number): Record<Category, Tenths> {
  return { A: a, B: b, C: c, D: d };
}

/** The five D9 rows for a cycle starting in `first`; `maxima` per row in tenths (A, B, C, D). */
function requirementRowsFor(
  first: number,
  maxima: [Record<Category, Tenths>, Record<Category, Tenths>, Record<Category, Tenths>, Record<Category, Tenths>],
  labels: [string, string, string, string, string],
  exemption: { twoCategoryRuleOnLastRow: boolean; oneCategoryExemption: boolean },
): RequirementRow[] {
  const last = first + 2;
  const none = caps(0, 0, 0, 0);
  return [
    { earnedFrom: null, earnedTo: dateIn(first - 1, '12-31'), label: labels[0], requiredTenths: 60, maxTenths: maxima[0], twoCategoryRule: true, oneCategoryExemption: false, carriedIntoNextCycle: false },
    { earnedFrom: dateIn(first, '01-01'), earnedTo: dateIn(first, '12-31'), label: labels[1], requiredTenths: 40, maxTenths: maxima[1], twoCategoryRule: true, oneCategoryExemption: false, carriedIntoNextCycle: false },
    { earnedFrom: dateIn(first + 1, '01-01'), earnedTo: dateIn(first + 1, '12-31'), label: labels[2], requiredTenths: 20, maxTenths: maxima[2], twoCategoryRule: true, oneCategoryExemption: false, carriedIntoNextCycle: false },
    { earnedFrom: dateIn(last, '01-01'), earnedTo: dateIn(last, '06-30'), label: labels[3], requiredTenths: 10, maxTenths: maxima[3], twoCategoryRule: exemption.twoCategoryRuleOnLastRow, oneCategoryExemption: exemption.oneCategoryExemption, carriedIntoNextCycle: false },
    { earnedFrom: dateIn(last, '07-01'), earnedTo: null, label: labels[4], requiredTenths: 0, maxTenths: none, twoCategoryRule: false, oneCategoryExemption: false, carriedIntoNextCycle: true },
  ];
}

const EVERYONE: Reporter[] = ['certificant', 'staff'];
const STAFF_ONLY: Reporter[] = ['staff'];

/** The FAQ cycle's catalogue (D3.7-D3.15); later cycles regroup the categories. */
function catalogue(categoryOf: Record<string, Category>): ActivityDefinition[] {
  const def = (d: Omit<ActivityDefinition, 'category'>): ActivityDefinition => ({ ...d, category: categoryOf[d.activityType] });
  return [
    def({ activityType: 'event-attendance', name: 'Event attendance', value: { kind: 'per-hour', tenthsPerHour: 1, maxPerItem: 20 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: false, requires: ['hours'], completesAlone: true }),
    def({ activityType: 'nsca-quiz', name: 'NSCA quiz', value: { kind: 'declared', defaultTenths: 2 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: true, requires: ['quizScore'], passingScore: 70, completesAlone: true }),
    def({ activityType: 'presentation', name: 'Presentation', value: { kind: 'declared' }, adjustable: true, reportableBy: EVERYONE, bodyRecorded: false, requires: ['ceus'], completesAlone: true }),
    def({ activityType: 'publication', name: 'Article in an NSCA publication', value: { kind: 'declared' }, adjustable: true, reportableBy: STAFF_ONLY, bodyRecorded: true, requires: ['ceus'], completesAlone: true }),
    def({ activityType: 'volunteer-service', name: 'A year of volunteer leadership', value: { kind: 'declared' }, adjustable: true, reportableBy: STAFF_ONLY, bodyRecorded: true, requires: ['ceus'], completesAlone: true }),
    def({ activityType: 'college-course', name: 'College course', value: { kind: 'credit-hours', semesterTenths: 5, quarterTenths: 3, maxPerItem: 20 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: false, requires: ['creditHours', 'creditSystem'], completesAlone: true }),
    def({ activityType: 'first-aid', name: 'First Aid certification', value: { kind: 'fixed', tenths: 5 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: false, requires: [], completesAlone: true }),
    def({ activityType: 'pre-approved-home-study', name: 'Pre-approved home study', value: { kind: 'declared' }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: false, requires: ['ceus'], completesAlone: true }),
    def({ activityType: 'ncca-certification', name: 'NCCA-accredited certification', value: { kind: 'fixed', tenths: 10 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: false, requires: [], completesAlone: true }),
    def({ activityType: 'personal-development', name: 'Personal development', value: { kind: 'declared' }, adjustable: true, reportableBy: EVERYONE, bodyRecorded: false, requires: ['ceus'], cycleCapPerCertifiedYearTenths: 5, completesAlone: true }),
    def({ activityType: 'additional-nsca-certification', name: 'Additional NSCA certification', value: { kind: 'fixed', tenths: 30 }, adjustable: false, reportableBy: EVERYONE, bodyRecorded: true, requires: [], completesAlone: false }),
    def({ activityType: 'usada-safesport', name: 'USADA/SafeSport certificate', value: { kind: 'declared' }, adjustable: true, reportableBy: STAFF_ONLY, bodyRecorded: false, requires: ['ceus'], completesAlone: true }),
  ];
}

const FAQ_CATEGORIES: Record<string, Category> = {
  'event-attendance': 'A',
  'nsca-quiz': 'B', presentation: 'B', publication: 'B', 'volunteer-service': 'B',
  'college-course': 'C', 'first-aid': 'C', 'usada-safesport': 'C',
  'pre-approved-home-study': 'D', 'ncca-certification': 'D', 'personal-development': 'D', 'additional-nsca-certification': 'D',
};

/** 2021 onward: where each type sits is not published; this grouping is our assumption (docs/domain.md). */
const REGROUPED_CATEGORIES: Record<string, Category> = {
  'event-attendance': 'A',
  presentation: 'B', publication: 'B', 'volunteer-service': 'B',
  'college-course': 'C', 'first-aid': 'C', 'pre-approved-home-study': 'C', 'ncca-certification': 'C',
  'personal-development': 'C', 'usada-safesport': 'C',
  'nsca-quiz': 'D', 'additional-nsca-certification': 'D',
};

const policy2018: CyclePolicy = {
  cycle: '2018-2020',
  version: 1,
  provisional: false,
  startsOn: '2018-01-01',
  endsOn: '2020-12-31',
  lateWindowEndsOn: '2021-01-31',
  lateFeeCents: 3500,
  lateCompletionNextCycleStartsOn: '2021-02-01',
  appealWindow: { opensOn: '2021-02-01', closesOn: '2021-03-15' },
  accommodationRequestDeadline: null,
  audit: { draw: 'after-deadline', notifyBy: '2021-03-31', responseDays: 45, defaultRate: 0.05 },
  requirementRows: requirementRowsFor(
    2018,
    [caps(55, 40, 55, 35), caps(35, 25, 35, 15), caps(15, 10, 15, 10), caps(10, 10, 10, 10)],
    ['before 2018', 'during 2018', 'during 2019', 'Jan 1 - Jun 30, 2020', 'Jul 1 - Dec 31, 2020'],
    { twoCategoryRuleOnLastRow: false, oneCategoryExemption: true },
  ),
  categories: [
    { code: 'A', name: 'Attendance' },
    { code: 'B', name: 'NSCA quizzes, presenting, publishing, volunteering' },
    { code: 'C', name: 'College courses, First Aid and related education' },
    { code: 'D', name: 'Home study, NCCA certifications, personal development' },
  ],
  catalogue: catalogue(FAQ_CATEGORIES),
  fees: {
    recertification: [
      { earnedFrom: null, earnedTo: '2017-12-31', memberCents: 6500, nonMemberCents: 9000 },
      { earnedFrom: '2018-01-01', earnedTo: '2018-12-31', memberCents: 5500, nonMemberCents: 8000 },
      { earnedFrom: '2019-01-01', earnedTo: '2019-12-31', memberCents: 4500, nonMemberCents: 7000 },
      { earnedFrom: '2020-01-01', earnedTo: '2020-06-30', memberCents: 3500, nonMemberCents: 6000 },
      { earnedFrom: '2020-07-01', earnedTo: null, memberCents: 0, nonMemberCents: 0 },
    ],
    earlyDiscount: { paidBefore: '2020-07-31', cents: 1500 },
  },
  countsOnEarnedDate: true,
  personalDevelopmentPerYearTenths: 5,
  distinction: { baseTenths: 100, perAdditionalCertificationTenths: 20, memberFeeCents: 0, nonMemberFeeCents: 2500 },
  carryOverFrom: '07-01',
};

/** The 2021-2023 and 2024-2026 shape (D9), shifted to a cycle starting in `first`. */
function laterCyclePolicy(first: number, settings: Pick<CyclePolicy, 'provisional' | 'accommodationRequestDeadline' | 'audit'>): CyclePolicy {
  const last = first + 2;
  const maxima: [Record<Category, Tenths>, Record<Category, Tenths>, Record<Category, Tenths>, Record<Category, Tenths>] = [
    caps(55, 40, 55, 40), caps(35, 30, 35, 30), caps(15, 10, 15, 10), caps(10, 10, 10, 10),
  ];
  return {
    cycle: `${first}-${last}`,
    version: 1,
    ...settings,
    startsOn: dateIn(first, '01-01'),
    endsOn: dateIn(last, '12-31'),
    lateWindowEndsOn: dateIn(last + 1, '01-31'),
    lateFeeCents: null,
    lateCompletionNextCycleStartsOn: dateIn(last + 1, '02-01'),
    appealWindow: { opensOn: dateIn(last + 1, '02-01'), closesOn: dateIn(last + 1, '03-15') },
    requirementRows: requirementRowsFor(
      first,
      maxima,
      ['before the cycle', `during ${first}`, `during ${first + 1}`, `Jan 1 - Jun 30, ${last}`, `Jul 1 - Dec 31, ${last}`],
      // D3.5: later cycles state the two-category rule without the 1.0 exemption; we keep the exemption.
      { twoCategoryRuleOnLastRow: true, oneCategoryExemption: true },
    ),
    categories: [
      { code: 'A', name: 'Attendance' },
      { code: 'B', name: 'Share Your Expertise' },
      { code: 'C', name: 'Educational Activities' },
      { code: 'D', name: 'NSCA Quizzes & Assessments' },
    ],
    catalogue: catalogue(REGROUPED_CATEGORIES),
    fees: {
      recertification: requirementBands(first).map((band) => ({
        ...band,
        memberCents: band.earnedFrom !== null && band.earnedFrom >= dateIn(last, '07-01') ? 0 : null,
        nonMemberCents: band.earnedFrom !== null && band.earnedFrom >= dateIn(last, '07-01') ? 0 : null,
      })),
      earlyDiscount: null,
    },
    countsOnEarnedDate: true,
    personalDevelopmentPerYearTenths: 5,
    distinction: { baseTenths: 100, perAdditionalCertificationTenths: 20, memberFeeCents: 0, nonMemberFeeCents: 2500 },
    carryOverFrom: '07-01',
  };
}

function requirementBands(first: number): { earnedFrom: BusinessDate | null; earnedTo: BusinessDate | null }[] {
  return requirementRowsFor(first, [caps(0, 0, 0, 0), caps(0, 0, 0, 0), caps(0, 0, 0, 0), caps(0, 0, 0, 0)], ['', '', '', '', ''], {
    twoCategoryRuleOnLastRow: false,
    oneCategoryExemption: false,
  }).map(({ earnedFrom, earnedTo }) => ({ earnedFrom, earnedTo }));
}

export const policies: readonly CyclePolicy[] = [
  policy2018,
  laterCyclePolicy(2021, {
    provisional: false,
    accommodationRequestDeadline: null,
    audit: { draw: 'after-deadline', notifyBy: '2024-03-31', responseDays: 45, defaultRate: 0.05 },
  }),
  laterCyclePolicy(2024, {
    provisional: false,
    accommodationRequestDeadline: '2026-12-31',
    audit: { draw: 'on-fee-paid', notifyBy: null, responseDays: 45, defaultRate: 0.05 },
  }),
  laterCyclePolicy(2027, {
    provisional: true,
    accommodationRequestDeadline: '2029-12-31',
    audit: { draw: 'on-fee-paid', notifyBy: null, responseDays: 45, defaultRate: 0.05 },
  }),
];

/**
 * The policy of a cycle: the latest version, or exactly `version` (a replay uses the version
 * that was in force). Throws `PolicyNotFound` (code POLICY_NOT_FOUND) for an unknown cycle.
 */
export function policyFor(cycle: CycleName, version?: number, from: readonly CyclePolicy[] = policies): CyclePolicy {
  const versions = from.filter((p) => p.cycle === cycle);
  if (versions.length === 0) throw new PolicyNotFound(cycle);
  if (version !== undefined) {
    const exact = versions.find((p) => p.version === version);
    if (!exact) throw new PolicyNotFound(cycle, version);
    return exact;
  }
  return versions.reduce((latest, p) => (p.version > latest.version ? p : latest));
}

export function findActivityDefinition(policy: CyclePolicy, activityType: ActivityType): ActivityDefinition | undefined {
  return policy.catalogue.find((d) => d.activityType === activityType);
}

// ---------------------------------------------------------------------------------------------
// Requirements, carry-over and fees (D2.2, D2.3, D4.2, D9)

function inBand(band: { earnedFrom: BusinessDate | null; earnedTo: BusinessDate | null }, earnedOn: BusinessDate): boolean {
  return (band.earnedFrom === null || earnedOn >= band.earnedFrom) && (band.earnedTo === null || earnedOn <= band.earnedTo);
}

/** D2.2, D9: the requirement row for a certification earned on `earnedOn`. */
export function requirementFor(policy: CyclePolicy, earnedOn: BusinessDate): RequirementRow {
  const row = policy.requirementRows.find((r) => inBand(r, earnedOn));
  if (!row) throw new Error(`The ${policy.cycle} policy has no requirement row for ${earnedOn}.`);
  return row;
}

/** D3.5: whether this row needs CEUs from two categories. */
export function needsTwoCategories(row: RequirementRow): boolean {
  return row.twoCategoryRule && !(row.oneCategoryExemption && row.requiredTenths <= 10);
}

export interface NextCycleStart {
  /** D2.2: earned on or after July 1 of the last year: nothing required in this cycle. */
  carriedOver: boolean;
  nextCycle: CycleName;
  /** D2.2 / D2.3: January 1, or February 1 after a completion in the late window. */
  countsFrom: BusinessDate;
}

/**
 * For a certification earned on `earnedOn`, whether `policy`'s cycle carries it over and from
 * when its CEUs count in the next cycle. `completedOn` is when it completed this cycle (if it did).
 */
export function nextCycleStart(policy: CyclePolicy, earnedOn: BusinessDate, completedOn: BusinessDate | null = null): NextCycleStart {
  const carriedOver = requirementFor(policy, earnedOn).carriedIntoNextCycle;
  const late = !carriedOver && completedOn !== null && completedOn > policy.endsOn;
  return {
    carriedOver,
    nextCycle: nextCycleOf(policy.cycle),
    countsFrom: late ? policy.lateCompletionNextCycleStartsOn : addDays(policy.endsOn, 1),
  };
}

/**
 * D4.2: the recertification fee for one certification, prorated by earned date, for a member
 * or not, with the early discount where published. `null`: the amount is not published yet.
 */
export function recertificationFeeCents(policy: CyclePolicy, earnedOn: BusinessDate, member: boolean, paidOn: BusinessDate): Cents | null {
  const band = policy.fees.recertification.find((b) => inBand(b, earnedOn));
  const amount = band ? (member ? band.memberCents : band.nonMemberCents) : null;
  if (amount === null) return null;
  const discount = policy.fees.earlyDiscount;
  if (discount && paidOn < discount.paidBefore && amount > 0) return Math.max(0, amount - discount.cents);
  return amount;
}
