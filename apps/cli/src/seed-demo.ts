/**
 * `npm run seed:demo`: a realistic, deterministic demo body, recorded through the HTTP API like any
 * client (api.md), so it needs no internals and exercises exactly the contract.
 *
 * Two cycles: 2021-2023 (closed: on time, late, expired, carried over) and 2024-2026 (current:
 * complete, CEUs met, in progress, not required), several certifications for some, every activity
 * type, fees (including membership without the recertification fee), an audit draw with a seed
 * (passed, failed, open with documents and a rejection) and appeals (a reinstatement granted, one
 * denied, one pending), and staff accounts with their roles.
 *
 * Deterministic (a seeded PRNG, fixed business dates) and idempotent: every command carries an
 * `Idempotency-Key` derived from the seed and the step, and a finished demo is recognised first
 * ("already seeded") so a second run records nothing.
 *
 * Environment: SEED_URL (default http://localhost:3000), RECERT_ADMIN_EMAIL, RECERT_ADMIN_PASSWORD,
 * SEED_SIZE (certificants, default 300), SEED (default "recert-demo").
 */

import { ApiClientError, HttpClient, type Answer, type RequestOptions } from './http-client';

export interface SeedDemoOptions {
  baseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** How many certificants (default 300; at least 30 so every status is represented). */
  size?: number;
  /** The PRNG seed (default "recert-demo"): the same seed gives the same demo. */
  seed?: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface StaffCredentials {
  role: string;
  email: string;
  password: string;
}

export interface SeedDemoResult {
  alreadySeeded: boolean;
  /** Certificants per status, per cycle (from the search with status filters). */
  statuses: Record<string, Record<string, number>>;
  audits: Record<string, number>;
  appeals: Record<string, number>;
  staff: StaffCredentials[];
}

export const CYCLE_STATUSES = ['NotRequired', 'InProgress', 'CeusMet', 'Complete', 'CompleteLate', 'Expired', 'Reinstated'] as const;
const PAST = '2021-2023';
const CURRENT = '2024-2026';
/** The latest business date the demo uses for facts in the current cycle (today is 2026-11-24). */
const LATEST = '2026-11-20';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

class Random {
  private state: number;

  constructor(seed: string) {
    this.state = fnv1a(seed) || 1;
  }

  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, UTC arithmetic)

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function dateBetween(random: Random, from: string, to: string): string {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

// ---------------------------------------------------------------------------------------------
// HTTP (the shared client; this one keeps the highest position written, for consistent reads)

class SeedError extends Error {}

class Client extends HttpClient {
  private maxPosition = 0;

  constructor(
    baseUrl: string,
    private readonly seed: string,
  ) {
    super(baseUrl);
  }

  get position(): number {
    return this.maxPosition;
  }

  override async request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const answer = await super.request(method, path, options);
    const position = answer.body?.position;
    if (typeof position === 'number' && position > this.maxPosition) this.maxPosition = position;
    return answer;
  }

  /** A command with an Idempotency-Key derived from the seed and the step; anything but 2xx throws. */
  async command(token: string, path: string, body: unknown, step: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = `seed-demo:${fnv1a(this.seed).toString(16)}:${step}`.slice(0, 200);
    const answer = await this.request('POST', path, { token, body, headers: { 'idempotency-key': key } });
    if (answer.status < 200 || answer.status >= 300) {
      throw new SeedError(`${step}: POST ${path} ${JSON.stringify(body)} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }

  async query(token: string, path: string, consistent = false): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const target = consistent ? `${path}${path.includes('?') ? '&' : '?'}consistent=true` : path;
    const answer = await this.request('GET', target, { token, headers: consistent && this.maxPosition ? { 'x-min-position': String(this.maxPosition) } : {} });
    if (answer.status !== 200) throw new SeedError(`GET ${target} answered ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Waits until every projection has caught up with the event store's head. */
  async settle(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const answer = await this.request('GET', '/health');
      const info = answer.body?.info ?? answer.body?.details ?? answer.body?.error?.details ?? {};
      const lag = info.projections?.maxLag ?? info.projections?.lag;
      if (answer.status === 200 && (lag === undefined || lag === 0)) return;
      if (Date.now() > until) throw new SeedError(`the projections did not catch up: ${JSON.stringify(answer.body)}`);
      await sleep(100);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
  return results;
}

// ---------------------------------------------------------------------------------------------
// The demo body, planned up front from the seed (no request is needed to plan it)

type Profile =
  | 'past-complete/current-complete'
  | 'past-complete/current-ceus-met'
  | 'past-complete/current-in-progress'
  | 'past-late/current-in-progress'
  | 'past-late/current-complete'
  | 'past-expired'
  | 'past-not-required/current-in-progress'
  | 'past-not-required/current-complete'
  | 'new/current-in-progress'
  | 'new/current-complete'
  | 'current-not-required';

const PROFILE_WEIGHTS: Array<[Profile, number]> = [
  ['past-complete/current-complete', 26],
  ['past-complete/current-ceus-met', 10],
  ['past-complete/current-in-progress', 18],
  ['past-late/current-in-progress', 5],
  ['past-late/current-complete', 4],
  ['past-expired', 9],
  ['past-not-required/current-in-progress', 3],
  ['past-not-required/current-complete', 3],
  ['new/current-in-progress', 8],
  ['new/current-complete', 6],
  ['current-not-required', 5],
];

interface ActivityPlan {
  key: string;
  body: Record<string, unknown>;
  category: string;
  tenths: number;
  withdraw?: string;
}

interface FeePlan {
  key: string;
  body: Record<string, unknown>;
}

interface CyclePlan {
  cycle: string;
  activities: ActivityPlan[];
  fees: FeePlan[];
}

interface CertificationPlan {
  certification: string;
  earnedOn: string;
}

interface PersonPlan {
  index: number;
  profile: Profile;
  firstName: string;
  lastName: string;
  email: string;
  memberId?: string;
  certifications: CertificationPlan[];
  cpr: Record<string, unknown>;
  cycles: CyclePlan[];
}

const FIRST_NAMES = [
  'Ada', 'Ben', 'Carla', 'Dev', 'Elena', 'Felix', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kara', 'Luis', 'Maya', 'Nils', 'Omar', 'Priya',
  'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Aiden', 'Bianca', 'Chen', 'Dara', 'Emeka', 'Freya',
  'Gabe', 'Hana', 'Ivan', 'Jada', 'Kofi', 'Lena', 'Marco', 'Nora', 'Owen', 'Paula', 'Rafael', 'Sofia', 'Tomas', 'Valentina', 'Will', 'Yara',
];
const LAST_NAMES = [
  'Abbott', 'Baptiste', 'Castillo', 'Dlamini', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ibarra', 'Jensen', 'Kowalski', 'Lindqvist',
  'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rahman', 'Schmidt', 'Takahashi', 'Usman', 'Vasquez', 'Whitfield', 'Xu', 'Yilmaz',
  'Zamora', 'Andersen', 'Brennan', 'Costa', 'Duarte', 'Esposito', 'Fontaine', 'Gallagher', 'Holm', 'Iwu', 'Jovanovic', 'Kim', 'Larsen',
];
const EVENTS = ['NSCA National Conference', 'Regional strength clinic', 'Coaches college', 'Tactical strength symposium', 'Sport science summit', 'State clinic'];
const PROVIDERS = ['NSCA', 'State association', 'University extension', 'Performance institute', 'Red Cross', 'Coaching academy'];
const CPR_PROVIDERS = ['American Red Cross', 'American Heart Association', 'National Safety Council'];
const CATEGORY_CAPS: Record<string, number> = { A: 55, B: 40, C: 55, D: 40 };

interface Window {
  cycle: string;
  from: string;
  to: string;
  /** Reported no later than this day (the deadline, or a day in the late window). */
  reportBy: string;
  reportFrom?: string;
}

/** One activity of a kind chosen by the PRNG, dated inside the window. */
function anActivity(random: Random, window: Window, kind: string, key: string, year: number | null): ActivityPlan {
  const activityDate = year === null ? dateBetween(random, window.from, window.to) : dateBetween(random, maxDate(window.from, `${year}-01-01`), minDate(window.to, `${year}-12-31`));
  const reportedOn = window.reportFrom
    ? dateBetween(random, maxDate(window.reportFrom, activityDate), window.reportBy)
    : minDate(addDays(activityDate, random.int(1, 40)), window.reportBy);
  const base = { activityDate, reportedOn };
  switch (kind) {
    case 'event-attendance': {
      const hours = random.int(6, 20);
      return { key, category: 'A', tenths: Math.min(hours, 20), body: { ...base, activityType: kind, title: random.pick(EVENTS), provider: random.pick(PROVIDERS), hours, externalRef: `EV-${key}` } };
    }
    case 'nsca-quiz':
      return { key, category: 'D', tenths: 2, body: { ...base, activityType: kind, title: `NSCA journal quiz ${random.int(1, 48)}`, provider: 'NSCA', quizScore: random.int(72, 100) } };
    case 'presentation':
      return { key, category: 'B', tenths: 10, body: { ...base, activityType: kind, title: 'Presentation: periodization for youth athletes', provider: random.pick(PROVIDERS), ceus: 1 } };
    case 'publication':
      return { key, category: 'B', tenths: 10, body: { ...base, activityType: kind, title: 'Article in the Strength and Conditioning Journal', provider: 'NSCA', ceus: 1, reportedBy: 'staff' } };
    case 'volunteer-service':
      return { key, category: 'B', tenths: 10, body: { ...base, activityType: kind, title: 'State advisory board member', provider: 'NSCA', ceus: 1, reportedBy: 'staff' } };
    case 'college-course': {
      const semester = random.chance(0.6);
      return {
        key,
        category: 'C',
        tenths: semester ? 15 : 12,
        body: { ...base, activityType: kind, title: 'Exercise physiology', provider: 'State university', creditHours: semester ? 3 : 4, creditSystem: semester ? 'semester' : 'quarter' },
      };
    }
    case 'first-aid':
      return { key, category: 'C', tenths: 5, body: { ...base, activityType: kind, title: 'First Aid certification', provider: 'American Red Cross' } };
    case 'pre-approved-home-study': {
      const tenths = random.pick([5, 10, 15, 20]);
      return { key, category: 'C', tenths, body: { ...base, activityType: kind, title: 'Pre-approved home study course', provider: 'NSCA', ceus: tenths / 10 } };
    }
    case 'ncca-certification':
      return { key, category: 'C', tenths: 10, body: { ...base, activityType: kind, title: 'NCCA-accredited certification', provider: 'NCCA' } };
    case 'personal-development':
      return { key, category: 'C', tenths: 5, body: { ...base, activityType: kind, title: 'Leadership workshop', provider: random.pick(PROVIDERS), ceus: 0.5 } };
    case 'usada-safesport':
      return { key, category: 'C', tenths: 5, body: { ...base, activityType: kind, title: 'SafeSport core training', provider: 'U.S. Center for SafeSport', ceus: 0.5, reportedBy: 'staff' } };
    default:
      throw new Error(`no plan for ${kind}`);
  }
}

const KINDS = [
  'event-attendance', 'event-attendance', 'event-attendance', 'pre-approved-home-study', 'pre-approved-home-study', 'nsca-quiz', 'nsca-quiz',
  'college-course', 'first-aid', 'presentation', 'ncca-certification', 'personal-development', 'publication', 'volunteer-service', 'usada-safesport',
];

/**
 * Activities whose applied CEUs (category maximums honoured) reach `targetTenths` in at least two
 * categories, or stay below it when `complete` is false.
 */
function activitiesFor(random: Random, window: Window, requiredTenths: number, complete: boolean, keyPrefix: string): ActivityPlan[] {
  const target = complete ? requiredTenths : Math.max(1, Math.floor((requiredTenths * random.int(30, 75)) / 100));
  const plans: ActivityPlan[] = [];
  const applied: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  const total = () => Object.values(applied).reduce((a, b) => a + b, 0);
  const categories = () => Object.values(applied).filter((t) => t > 0).length;
  const once = new Set<string>();
  const firstYear = Number(window.from.slice(0, 4));
  const lastYear = Number(window.to.slice(0, 4));
  for (let guard = 0; guard < 40; guard++) {
    const done = complete ? total() >= target && categories() >= 2 : total() >= target;
    if (done) break;
    const kind = random.pick(KINDS);
    // Volunteering once a year and personal development (0.5 a year) once per year of the window.
    const yearly = kind === 'volunteer-service' || kind === 'personal-development';
    const year = yearly ? random.int(firstYear, lastYear) : null;
    if (yearly && once.has(`${kind}:${year}`)) continue;
    const plan = anActivity(random, window, kind, `${keyPrefix}:${plans.length}`, year);
    const room = CATEGORY_CAPS[plan.category]! - applied[plan.category]!;
    if (room <= 0) continue;
    if (!complete && total() + Math.min(room, plan.tenths) >= requiredTenths) continue;
    if (yearly) once.add(`${kind}:${year}`);
    applied[plan.category]! += Math.min(room, plan.tenths);
    plans.push(plan);
  }
  return plans;
}

/** The requirement of the 2021 and later policies by earned date (tenths): 6.0, 4.0, 2.0, 1.0, 0. */
function requiredTenths(cycleFirstYear: number, earnedOn: string): number {
  const year = Number(earnedOn.slice(0, 4));
  if (year < cycleFirstYear) return 60;
  if (year === cycleFirstYear) return 40;
  if (year === cycleFirstYear + 1) return 20;
  return earnedOn.slice(5) < '07-01' ? 10 : 0;
}

function planPeople(seed: string, size: number): PersonPlan[] {
  const random = new Random(`${seed}:people`);
  const profiles: Profile[] = PROFILE_WEIGHTS.map(([profile]) => profile);
  const totalWeight = PROFILE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  while (profiles.length < size) {
    let roll = random.next() * totalWeight;
    for (const [profile, weight] of PROFILE_WEIGHTS) {
      roll -= weight;
      if (roll < 0) {
        profiles.push(profile);
        break;
      }
    }
  }
  // The first ones of each profile stay (every status represented); the rest are shuffled in.
  const head = profiles.slice(0, PROFILE_WEIGHTS.length);
  const tail = random.shuffle(profiles.slice(PROFILE_WEIGHTS.length, size));
  return [...head, ...tail].map((profile, index) => planPerson(new Random(`${seed}:person:${index}`), index, profile));
}

function planPerson(random: Random, index: number, profile: Profile): PersonPlan {
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const number = String(index + 1).padStart(4, '0');
  const member = random.chance(0.7);
  const [past, current] = profile.split('/') as [string, string | undefined];
  const certifications: CertificationPlan[] = [];
  const primary = random.chance(0.7) ? 'CSCS' : 'NSCA-CPT';
  let earnedOn: string;
  if (past.startsWith('past-not-required')) earnedOn = dateBetween(random, '2023-07-01', '2023-12-15');
  else if (past === 'new') earnedOn = dateBetween(random, random.pick(['2024-01-15', '2025-01-10', '2026-01-10']), random.pick(['2024-11-30', '2025-11-30', '2026-06-20']));
  else if (past === 'current-not-required') earnedOn = dateBetween(random, '2026-07-01', '2026-11-10');
  else earnedOn = dateBetween(random, '2008-03-01', '2020-10-31');
  if (past === 'new' && earnedOn > '2026-06-30') earnedOn = dateBetween(random, '2026-01-10', '2026-06-20');
  certifications.push({ certification: primary, earnedOn });
  // Several certifications for some: a second one held long before, or one earned in the current cycle.
  const veteran = past === 'past-complete' || past === 'past-late';
  if (veteran && random.chance(0.2)) certifications.push({ certification: primary === 'CSCS' ? 'NSCA-CPT' : 'CSCS', earnedOn: dateBetween(random, '2012-01-01', '2020-06-30') });
  let laterCertification: CertificationPlan | null = null;
  if (veteran && current === 'current-complete' && random.chance(0.25)) {
    laterCertification = { certification: random.pick(['TSAC-F', 'CSPS']), earnedOn: dateBetween(random, '2025-02-01', '2025-10-31') };
    certifications.push(laterCertification);
  }

  const cycles: CyclePlan[] = [];
  const heldBefore = (first: number) => certifications.filter((c) => Number(c.earnedOn.slice(0, 4)) < first + 3 && c !== laterCertification);
  // 2021-2023
  if (veteran || past === 'past-expired') {
    const requirement = Math.max(...heldBefore(2021).map((c) => requiredTenths(2021, c.earnedOn)));
    const onTime: Window = { cycle: PAST, from: '2021-01-15', to: '2023-11-30', reportBy: '2023-12-20' };
    const plan: CyclePlan = { cycle: PAST, activities: [], fees: [] };
    if (past === 'past-late') {
      const early = activitiesFor(random, onTime, requirement, false, `${index}:past`);
      // Completed in the late window: reported in January 2024 (dated inside the cycle), fees paid then.
      const rest = activitiesFor(random, { ...onTime, reportFrom: '2024-01-03', reportBy: '2024-01-20' }, requirement, true, `${index}:past-late`);
      plan.activities.push(...early, ...rest);
      const paidOn = dateBetween(random, '2024-01-21', '2024-01-28');
      for (const c of heldBefore(2021)) plan.fees.push({ key: `${index}:past:fee:${c.certification}`, body: { feeType: 'recertification', certification: c.certification, amountCents: member ? 7500 : 10500, paidOn } });
      plan.fees.push({ key: `${index}:past:late-fee`, body: { feeType: 'late', amountCents: 5000, paidOn: addDays(paidOn, 1) } });
    } else if (past === 'past-expired') {
      plan.activities.push(...activitiesFor(random, onTime, requirement, false, `${index}:past`));
      if (member) plan.fees.push({ key: `${index}:past:membership`, body: { feeType: 'membership', amountCents: 12000, paidOn: dateBetween(random, '2022-01-05', '2023-06-30') } });
    } else {
      plan.activities.push(...activitiesFor(random, onTime, requirement, true, `${index}:past`));
      const last = plan.activities.reduce((latest, a) => maxDate(latest, a.body.reportedOn as string), '2021-01-01');
      const paidOn = dateBetween(random, last, '2023-12-28');
      for (const c of heldBefore(2021)) plan.fees.push({ key: `${index}:past:fee:${c.certification}`, body: { feeType: 'recertification', certification: c.certification, amountCents: member ? 7500 : 10500, paidOn } });
      if (member && random.chance(0.5)) plan.fees.push({ key: `${index}:past:membership`, body: { feeType: 'membership', amountCents: 12000, paidOn: dateBetween(random, '2021-01-05', '2021-12-20') } });
    }
    cycles.push(plan);
  }
  // 2024-2026
  if (current) {
    const held = certifications.filter((c) => c !== laterCertification);
    const requirement = Math.max(...held.map((c) => requiredTenths(2024, c.earnedOn < '2024-01-01' && c.earnedOn >= '2023-07-01' ? '2023-12-31' : c.earnedOn)));
    const from = maxDate('2024-03-01', maxDate(...(held.map((c) => c.earnedOn) as [string]), '2024-03-01'));
    const window: Window = { cycle: CURRENT, from: minDate(from, LATEST), to: LATEST, reportBy: LATEST };
    const plan: CyclePlan = { cycle: CURRENT, activities: [], fees: [] };
    const complete = current === 'current-complete' || current === 'current-ceus-met';
    if (current !== 'current-not-required') plan.activities.push(...activitiesFor(random, window, requirement, complete, `${index}:current`));
    if (laterCertification) {
      plan.activities.push({
        key: `${index}:current:additional`,
        category: 'D',
        tenths: 30,
        body: {
          activityType: 'additional-nsca-certification',
          activityDate: laterCertification.earnedOn,
          title: `${laterCertification.certification} earned`,
          provider: 'NSCA',
          reportedOn: addDays(laterCertification.earnedOn, 14),
        },
      });
    }
    const copy = plan.activities.find((a) => ['event-attendance', 'pre-approved-home-study', 'first-aid', 'college-course'].includes(a.body.activityType as string));
    if (copy && random.chance(0.12)) {
      // Entered twice by mistake, then withdrawn: the ledger keeps it with its reason.
      plan.activities.push({ key: `${index}:current:mistake`, category: copy.category, tenths: 0, body: { ...copy.body, externalRef: undefined, title: `${String(copy.body.title)} (entered twice)` }, withdraw: 'Entered twice by mistake' });
    }
    const last = plan.activities.reduce((latest, a) => maxDate(latest, a.body.reportedOn as string), '2024-03-01');
    if (current === 'current-complete') {
      const paidOn = dateBetween(random, last, LATEST);
      for (const c of certifications) plan.fees.push({ key: `${index}:current:fee:${c.certification}`, body: { feeType: 'recertification', certification: c.certification, amountCents: member ? 7500 : 10500, paidOn: maxDate(paidOn, c.earnedOn) } });
    }
    if (current === 'current-in-progress' && member && random.chance(0.5)) {
      // D4.3: a membership fee never pays the recertification fee (blocker OTHER_FEE_NOT_RECERTIFICATION).
      plan.fees.push({ key: `${index}:current:membership`, body: { feeType: 'membership', amountCents: 12000, paidOn: dateBetween(random, '2024-01-05', LATEST) } });
    }
    cycles.push(plan);
  }
  for (const cycle of cycles) for (const a of cycle.activities) for (const k of Object.keys(a.body)) if (a.body[k] === undefined) delete a.body[k];
  const cprCompleted = dateBetween(random, '2025-01-10', '2026-09-30');
  return {
    index,
    profile,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${number}@demo.recert.example`.toLowerCase(),
    ...(member ? { memberId: `M${String(100000 + index * 7).padStart(7, '0')}` } : {}),
    certifications,
    cpr: {
      provider: random.pick(CPR_PROVIDERS),
      completedOn: cprCompleted,
      expiresOn: addDays(cprCompleted, 730),
      coversAdult: true,
      skillsEvaluation: true,
      deliveredOnline: false,
    },
    cycles,
  };
}

function staffFor(seed: string): Array<StaffCredentials & { name: string; roles: string[] }> {
  const word = (role: string) => `${role}-${fnv1a(`${seed}:${role}`).toString(36)}-demo`;
  return [
    { role: 'auditor', name: 'Alex Auditor', roles: ['auditor'], email: 'auditor@demo.recert.example', password: word('auditor') },
    { role: 'committee', name: 'Casey Committee', roles: ['committee'], email: 'committee@demo.recert.example', password: word('committee') },
    { role: 'viewer', name: 'Vic Viewer', roles: ['viewer'], email: 'viewer@demo.recert.example', password: word('viewer') },
    { role: 'staff', name: 'Sam Staff', roles: ['staff'], email: 'staff@demo.recert.example', password: word('staff') },
  ];
}

// ---------------------------------------------------------------------------------------------
// The run

export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const seed = options.seed ?? 'recert-demo';
  const size = Math.max(30, options.size ?? 300);
  const concurrency = options.concurrency ?? 8;
  const log = options.log ?? ((line: string) => console.log(line));
  const client = new Client(options.baseUrl.replace(/\/+$/, ''), `${seed}:${size}`);
  const started = Date.now();

  const admin = await client.signIn(options.adminEmail, options.adminPassword);
  const staff = staffFor(seed);
  const people = planPeople(seed, size);

  if (await alreadySeeded(client, admin, staff, people)) {
    log(`already seeded (${people[0]!.email} and the demo's appeals are there): nothing recorded`);
    const summary = await summarize(client, admin);
    printSummary(log, summary, staff);
    return { alreadySeeded: true, ...summary, staff: staff.map(({ role, email, password }) => ({ role, email, password })) };
  }

  // 1. Staff accounts
  const existing = new Set(((await client.query(admin, '/staff?limit=500')).items as Array<{ email: string }>).map((s) => s.email.toLowerCase()));
  for (const account of staff) {
    if (existing.has(account.email)) continue;
    await client.command(admin, '/staff', { email: account.email, name: account.name, roles: account.roles, password: account.password }, `staff:${account.role}`);
  }
  const tokens: Record<string, string> = {};
  for (const account of staff) tokens[account.role] = await client.signIn(account.email, account.password);
  log(`staff: ${staff.length} accounts (${staff.map((s) => s.role).join(', ')})`);

  // 2. Certificants, certifications with their documents, CPR/AED
  const ids: string[] = await pool(people, concurrency, async (person) => {
    const registered = await client.command(
      admin,
      '/certificants',
      { firstName: person.firstName, lastName: person.lastName, email: person.email, ...(person.memberId ? { memberId: person.memberId } : {}) },
      `person:${person.index}:register`,
    );
    const id = registered.certificantId as string;
    for (const c of person.certifications) {
      await client.command(admin, `/certificants/${id}/certifications`, { certification: c.certification, earnedOn: c.earnedOn }, `person:${person.index}:earn:${c.certification}`);
      await client.command(
        admin,
        `/certificants/${id}/certifications/${c.certification}/documents`,
        { documents: [`exam-result-${c.certification.toLowerCase()}.pdf`], receivedOn: minDate(addDays(c.earnedOn, 10), LATEST) },
        `person:${person.index}:documents:${c.certification}`,
      );
    }
    await client.command(admin, `/certificants/${id}/cpr-aed`, person.cpr, `person:${person.index}:cpr`);
    return id;
  });
  const certificationCount = people.reduce((sum, p) => sum + p.certifications.length, 0);
  log(`certificants: ${people.length} registered, ${certificationCount} certifications, ${people.length} CPR/AED cards (${elapsed(started)})`);

  // 3. Activities and fees, cycle by cycle
  for (const cycle of [PAST, CURRENT]) {
    let activities = 0;
    let withdrawn = 0;
    let fees = 0;
    const types = new Set<string>();
    await pool(people, concurrency, async (person, i) => {
      const plan = person.cycles.find((c) => c.cycle === cycle);
      if (!plan) return;
      const base = `/certificants/${ids[i]}/cycles/${cycle}`;
      for (const activity of plan.activities) {
        const reported = await client.command(admin, `${base}/activities`, activity.body, `activity:${activity.key}`);
        activities++;
        types.add(activity.body.activityType as string);
        if (activity.withdraw) {
          await client.command(admin, `${base}/activities/${reported.activityId}/withdraw`, { reason: activity.withdraw }, `withdraw:${activity.key}`);
          withdrawn++;
        }
      }
      for (const fee of plan.fees) {
        await client.command(admin, `${base}/fees`, fee.body, `fee:${fee.key}`);
        fees++;
      }
    });
    log(`${cycle}: ${activities} activities (${types.size} types), ${withdrawn} withdrawn, ${fees} fees (${elapsed(started)})`);
  }

  // 4. Audits: a seeded draw among the 2024-2026 completers; passed, failed, open with documents.
  await client.settle();
  await client.query(admin, `/certificates/readiness?cycle=${CURRENT}`, true);
  const count = size >= 100 ? 5 : 4;
  const draw = await client.command(tokens.auditor!, '/audits/draws', { cycle: CURRENT, count, seed: `${seed} audit draw ${CURRENT}` }, `audit-draw:${CURRENT}`);
  const selected = draw.selected as Array<{ auditId: string; certificantId: string }>;
  const outcomes: Record<string, number> = {};
  const failed: Array<{ auditId: string; certificantId: string }> = [];
  for (const [n, audit] of selected.entries()) {
    const role = n === 0 ? 'passed' : n === 1 || n === 3 ? 'failed' : 'open';
    const auditCase = await client.query(tokens.auditor!, `/audits/${audit.auditId}`);
    const requested = (auditCase.activities as Array<{ activityId: string; documentsRequested: boolean }>).filter((a) => a.documentsRequested).map((a) => a.activityId);
    const path = `/audits/${audit.auditId}`;
    const documents = role === 'open' ? requested.slice(0, Math.ceil(requested.length / 2)) : requested;
    for (const activityId of documents) {
      await client.command(tokens.auditor!, `${path}/documents`, { activityId, kind: 'certificate-of-completion', reference: `DMS-2026-${activityId.slice(0, 8)}` }, `audit:${n}:document:${activityId}`);
    }
    if (role !== 'open') await client.command(tokens.auditor!, `${path}/documents`, { kind: 'cpr-aed', reference: `DMS-2026-CPR-${n}` }, `audit:${n}:cpr`);
    if (role === 'passed') {
      for (const activityId of requested) await client.command(tokens.auditor!, `${path}/verdicts`, { activityId, verdict: 'accepted' }, `audit:${n}:verdict:${activityId}`);
    } else if (role === 'failed') {
      for (const activityId of requested) {
        await client.command(tokens.auditor!, `${path}/verdicts`, { activityId, verdict: 'rejected', reason: 'The certificate names another person' }, `audit:${n}:verdict:${activityId}`);
      }
    } else if (requested.length > 0) {
      await client.command(tokens.auditor!, `${path}/verdicts`, { activityId: requested[0]!, verdict: 'rejected', reason: 'The attendance record shows 2 hours, not the hours reported' }, `audit:${n}:verdict:${requested[0]}`);
    }
    if (role !== 'open') {
      const closed = await client.command(tokens.auditor!, `${path}/close`, {}, `audit:${n}:close`);
      outcomes[closed.outcome as string] = (outcomes[closed.outcome as string] ?? 0) + 1;
      if (closed.outcome === 'failed') failed.push(audit);
    } else {
      outcomes.open = (outcomes.open ?? 0) + 1;
    }
  }
  log(`audits: drew ${selected.length} of ${draw.population} completers of ${CURRENT} (seed "${seed} audit draw ${CURRENT}"): ${Object.entries(outcomes).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  // 5. Appeals: a reinstatement after a failed audit, a denied appeal of an expiry, a pending request.
  let appeals = 0;
  const reinstate = failed[0];
  if (reinstate) {
    await client.settle();
    const status = await client.query(admin, `/certificants/${reinstate.certificantId}/cycles/${CURRENT}`, true);
    const expired = (status.certifications as Array<{ certification: string; status: string }>).find((c) => c.status === 'Expired');
    // The 2024-2026 appeal window opens on 2027-02-01; before the cycle ends the API takes an accommodation request (D6.2).
    const filed = await client.command(
      admin,
      '/appeals',
      {
        certificantId: reinstate.certificantId,
        cycle: CURRENT,
        kind: 'accommodation',
        grounds: 'military',
        statement: 'Deployed overseas from March to October 2026; the certificates were issued to my unit, not to me by name.',
        ...(expired ? { certification: expired.certification } : {}),
      },
      'appeal:reinstatement',
    );
    await client.command(admin, `/appeals/${filed.appealId}/documents`, { kind: 'deployment-orders', reference: 'DMS-2026-ORDERS-1' }, 'appeal:reinstatement:document');
    await client.command(
      tokens.committee!,
      `/appeals/${filed.appealId}/decision`,
      { decision: 'granted', remedy: { kind: 'reinstatement' }, rationale: 'Deployment documented; the unit roster confirms attendance.' },
      'appeal:reinstatement:decision',
    );
    appeals++;
  }
  const expiredPast = people.map((p, i) => ({ p, id: ids[i]! })).filter(({ p }) => p.profile === 'past-expired');
  const denied = expiredPast[0];
  if (denied) {
    const filed = await client.command(
      admin,
      '/appeals',
      { certificantId: denied.id, cycle: PAST, grounds: 'illness', statement: 'I was unwell in the autumn of 2023 and could not finish my CEUs.', filedOn: '2024-02-14' },
      'appeal:denied',
    );
    await client.command(admin, `/appeals/${filed.appealId}/documents`, { kind: 'medical-note', reference: 'DMS-2024-MED-7' }, 'appeal:denied:document');
    await client.command(
      tokens.committee!,
      `/appeals/${filed.appealId}/decision`,
      { decision: 'denied', decidedOn: '2024-03-08', rationale: 'The note covers two weeks in 2023; the cycle ran three years.' },
      'appeal:denied:decision',
    );
    appeals++;
  }
  const pending = people.map((p, i) => ({ p, id: ids[i]! })).find(({ p }) => p.profile === 'past-complete/current-in-progress');
  if (pending) {
    const filed = await client.command(
      admin,
      '/appeals',
      { certificantId: pending.id, cycle: CURRENT, kind: 'accommodation', grounds: 'disaster', statement: 'The October flood closed our facility and every clinic in the region.', filedOn: '2026-11-18' },
      'appeal:pending',
    );
    await client.command(admin, `/appeals/${filed.appealId}/documents`, { kind: 'insurance-claim', reference: 'DMS-2026-FLOOD-3' }, 'appeal:pending:document');
    appeals++;
  }
  log(`appeals: ${appeals} filed (${reinstate ? 'a reinstatement granted, ' : ''}one denied, one pending) (${elapsed(started)})`);

  await client.settle();
  await client.query(admin, '/certificants?limit=1', true);
  const summary = await summarize(client, admin);
  printSummary(log, summary, staff);
  log(`done in ${elapsed(started)}`);
  return { alreadySeeded: false, ...summary, staff: staff.map(({ role, email, password }) => ({ role, email, password })) };
}

/** The demo is there when its first certificant is registered and its appeals are filed (the last phase). */
async function alreadySeeded(client: Client, admin: string, staff: Array<{ email: string }>, people: PersonPlan[]): Promise<boolean> {
  const found = await client.query(admin, `/certificants?q=${encodeURIComponent(people[0]!.email)}&limit=5`);
  if (!(found.items as unknown[]).length) return false;
  const accounts = new Set(((await client.query(admin, '/staff?limit=500')).items as Array<{ email: string }>).map((s) => s.email.toLowerCase()));
  if (!staff.every((s) => accounts.has(s.email))) return false;
  const appeals = await client.query(admin, `/appeals?cycle=${PAST}&limit=500`);
  return (appeals.items as unknown[]).length > 0;
}

async function countAll(client: Client, token: string, path: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await client.query(token, `${path}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

async function summarize(client: Client, token: string): Promise<Omit<SeedDemoResult, 'alreadySeeded' | 'staff'>> {
  const statuses: Record<string, Record<string, number>> = {};
  for (const cycle of [PAST, CURRENT]) {
    statuses[cycle] = {};
    for (const status of CYCLE_STATUSES) statuses[cycle][status] = await countAll(client, token, `/certificants?cycle=${cycle}&status=${status}`);
  }
  const audits: Record<string, number> = {};
  for (const status of ['open', 'passed', 'failed']) audits[status] = await countAll(client, token, `/audits?status=${status}`);
  const appeals: Record<string, number> = {};
  for (const cycle of [PAST, CURRENT]) appeals[cycle] = await countAll(client, token, `/appeals?cycle=${cycle}`);
  return { statuses, audits, appeals };
}

function printSummary(log: (line: string) => void, summary: Omit<SeedDemoResult, 'alreadySeeded' | 'staff'>, staff: StaffCredentials[]): void {
  log('certificants by status (a certificant counts under each status one of their certifications has):');
  for (const [cycle, counts] of Object.entries(summary.statuses)) {
    log(`  ${cycle}: ${CYCLE_STATUSES.map((s) => `${s} ${counts[s] ?? 0}`).join(', ')}`);
  }
  log(`audits: ${Object.entries(summary.audits).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`appeals: ${Object.entries(summary.appeals).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log('staff accounts (sign in at POST /api/v1/auth/login):');
  for (const s of staff) log(`  ${s.role.padEnd(9)} ${s.email}  password: ${s.password}`);
}

const elapsed = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const adminEmail = process.env.RECERT_ADMIN_EMAIL;
  const adminPassword = process.env.RECERT_ADMIN_PASSWORD;
  if (!adminEmail || !adminPassword) {
    console.error('Set RECERT_ADMIN_EMAIL and RECERT_ADMIN_PASSWORD (the admin the app was started with).');
    process.exitCode = 2;
    return;
  }
  const size = process.env.SEED_SIZE ? Number(process.env.SEED_SIZE) : 300;
  if (!Number.isInteger(size) || size < 30) {
    console.error(`SEED_SIZE must be a whole number of at least 30 (got ${process.env.SEED_SIZE}).`);
    process.exitCode = 2;
    return;
  }
  await seedDemo({ baseUrl: process.env.SEED_URL ?? 'http://localhost:3000', adminEmail, adminPassword, size, ...(process.env.SEED ? { seed: process.env.SEED } : {}) });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof SeedError || error instanceof ApiClientError ? `seed:demo failed: ${error.message}` : error);
    process.exitCode = 1;
  });
}
