import type { Blocker, BusinessDate, Category, Certification, CertificationStatus, CycleName, Reporter, Tenths } from '../shared/types';
import { CATEGORIES } from '../shared/types';
import { addDays, laterOf, yearOf } from '../shared/dates';
import { formatCeus } from '../shared/ceus';
import { findActivityDefinition, needsTwoCategories, nextCycleOf, recertificationFeeCents, requirementFor, type CyclePolicy, type RequirementRow } from '../policy/policy';
import { valueActivity, type ActivityInput } from '../policy/value-activity';
import type { ActivityFact, CycleFacts, FeeFact, HeldCertification } from './cycle-facts';

/**
 * The one place that decides a certificant's status in a cycle (D2-D4, D4a, D5.4, D6.3, D8).
 * Projections, reports and deciders call it; nothing re-implements it.
 */

export interface LedgerLine {
  activityId: string;
  activityType: string;
  activityDate: BusinessDate;
  /** As reported, so a person can tell one line from another. */
  title: string;
  category: Category;
  reportedTenths: Tenths;
  appliedTenths: Tenths;
  /** D4a.1, in words. */
  explanation: string;
}

export interface CategoryLine {
  category: Category;
  reportedTenths: Tenths;
  appliedTenths: Tenths;
  maxTenths: Tenths;
}

export interface CertificationCycleStatus {
  certification: Certification;
  earnedOn: BusinessDate;
  required: boolean;
  requirementLabel: string;
  requiredTenths: Tenths;
  reportedTenths: Tenths;
  appliedTenths: Tenths;
  byCategory: CategoryLine[];
  categoriesUsed: Category[];
  /** From this date its CEUs count (D3.1, D2.3). */
  countsFrom: BusinessDate;
  /** What the recertification fee is (D4.2); `null` = not published. */
  recertificationFeeCents: number | null;
  recertificationFeePaid: boolean;
  /** The late fee applies: not complete by the deadline (D2.3, D4.4). */
  lateFeeDue: boolean;
  lateFeePaid: boolean;
  status: CertificationStatus;
  /** In words, for every status other than Complete (D4.5). */
  blockers: Blocker[];
  ledger: LedgerLine[];
  completedOn: BusinessDate | null;
}

export interface CycleStatus {
  cycle: CycleName;
  asOf: BusinessDate;
  deadline: BusinessDate;
  /** The late window's end, or a granted extension (D6.3). */
  lateDeadline: BusinessDate;
  certifications: CertificationCycleStatus[];
  audit: { auditId?: string; status: 'open' | 'passed' | 'failed'; selectedOn: BusinessDate } | null;
  distinction: { eligible: boolean; reasons: string[]; requiredTenths: Tenths; bodyActivityTenths: Tenths };
}

// ---------------------------------------------------------------------------------------------
// What was known as of a date

interface KnownActivity {
  fact: ActivityFact;
  /** Why it never counts, before any certification is considered. */
  excluded: string | null;
}

/** Activities as of `asOf`: withdrawn, rejected and duplicate ones carry their reason (D3.16, D5.4). */
function knownActivities(facts: CycleFacts, asOf: BusinessDate): KnownActivity[] {
  const reported = facts.activities
    .filter((a) => a.reportedOn <= asOf)
    .sort((a, b) => compare(a.reportedOn, b.reportedOn) || compare(a.activityId, b.activityId));
  const byExternalRef = new Map<string, ActivityFact>();
  const byEventRef = new Map<string, ActivityFact>();
  const byTitle = new Map<string, ActivityFact[]>();
  const result: KnownActivity[] = [];
  for (const fact of reported) {
    if (fact.withdrawnOn !== undefined && fact.withdrawnOn <= asOf) {
      result.push({ fact, excluded: `withdrawn on ${fact.withdrawnOn}` });
      continue;
    }
    if (fact.disallowed && fact.disallowed.on <= asOf) {
      const where = facts.audit && facts.audit.selectedOn <= fact.disallowed.on ? 'rejected in audit' : 'rejected by staff';
      result.push({ fact, excluded: `${where} on ${fact.disallowed.on}: ${fact.disallowed.reason}` });
      continue;
    }
    // D3.16: the first reported counts; a later report of the same event or batch row does not.
    const sameDay = `${fact.activityType}|${fact.activityDate}`;
    const titleKey = `${sameDay}|${normalise(fact.title)}`;
    const first =
      (fact.externalRef ? byExternalRef.get(fact.externalRef) : undefined) ??
      (fact.eventRef ? byEventRef.get(`${sameDay}|${fact.eventRef}`) : undefined) ??
      (byTitle.get(titleKey) ?? []).find((earlier) => !earlier.eventRef || !fact.eventRef || earlier.eventRef === fact.eventRef);
    if (fact.externalRef && !byExternalRef.has(fact.externalRef)) byExternalRef.set(fact.externalRef, fact);
    if (fact.eventRef && !byEventRef.has(`${sameDay}|${fact.eventRef}`)) byEventRef.set(`${sameDay}|${fact.eventRef}`, fact);
    if (first) {
      const who = first.reportedBy === 'staff' ? 'added by staff' : 'reported by the certificant';
      result.push({ fact, excluded: `counted once: already ${who} on ${first.reportedOn}` });
      continue;
    }
    byTitle.set(titleKey, [...(byTitle.get(titleKey) ?? []), fact]);
    result.push({ fact, excluded: null });
  }
  return result;
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// CEUs applied to one certification (D3.1-D3.5, D3.11, D3.13)

interface CeuAllocation {
  row: RequirementRow;
  countsFrom: BusinessDate;
  ledger: LedgerLine[];
  byCategory: CategoryLine[];
  reportedTenths: Tenths;
  appliedTenths: Tenths;
  categoriesUsed: Category[];
  /** Applied CEUs from types that may complete recertification (D3.13). */
  appliedCompletingTenths: Tenths;
  examPassedOn: BusinessDate | null;
  ceusMet: boolean;
}

function countsFromFor(policy: CyclePolicy, held: HeldCertification): BusinessDate {
  const afterEarning = policy.countsOnEarnedDate ? held.earnedOn : addDays(held.earnedOn, 1);
  return laterOf(laterOf(policy.startsOn, afterEarning), held.countsFrom ?? policy.startsOn);
}

/** D3.11: years of the cycle in which the person held the certification. */
function certifiedYears(policy: CyclePolicy, earnedOn: BusinessDate): number {
  const first = yearOf(policy.startsOn);
  const last = yearOf(policy.endsOn);
  return Math.max(0, last - Math.max(first, yearOf(earnedOn)) + 1);
}

function allocate(policy: CyclePolicy, facts: CycleFacts, held: HeldCertification, known: KnownActivity[], asOf: BusinessDate): CeuAllocation {
  const row = requirementFor(policy, held.earnedOn);
  const countsFrom = countsFromFor(policy, held);
  const applied: Record<Category, Tenths> = { A: 0, B: 0, C: 0, D: 0 };
  const reported: Record<Category, Tenths> = { A: 0, B: 0, C: 0, D: 0 };
  const appliedByType = new Map<string, Tenths>();
  const ledger: LedgerLine[] = [];
  let appliedCompletingTenths = 0;
  const name = held.certification;

  // Allocation order is the activity's own date, never the order of reporting.
  const ordered = [...known].sort((a, b) => compare(a.fact.activityDate, b.fact.activityDate) || compare(a.fact.activityId, b.fact.activityId));
  for (const { fact, excluded } of ordered) {
    const line = (appliedTenths: Tenths, explanation: string): void => {
      ledger.push({ activityId: fact.activityId, activityType: fact.activityType, activityDate: fact.activityDate, title: fact.title, category: fact.category, reportedTenths: fact.tenths, appliedTenths, explanation });
    };
    if (excluded) { line(0, excluded); continue; }
    // D2.6, D3.1
    if (fact.activityDate < policy.startsOn || fact.activityDate > policy.endsOn) {
      line(0, `not counted: outside the ${policy.cycle} cycle; CEUs never roll over`);
      continue;
    }
    if (fact.activityDate < held.earnedOn || (!policy.countsOnEarnedDate && fact.activityDate === held.earnedOn)) {
      line(0, `not counted for ${name}: before it was earned (${held.earnedOn})`);
      continue;
    }
    if (fact.activityDate < countsFrom) {
      line(0, `not counted for ${name}: its CEUs count from ${countsFrom} after the late completion of the previous cycle`);
      continue;
    }
    reported[fact.category] += fact.tenths;
    if (row.carriedIntoNextCycle) {
      line(0, `not counted for ${name}: nothing is required in ${policy.cycle}; it is carried into ${nextCycleOf(policy.cycle)}`);
      continue;
    }
    // D3.4: the category maximum of the requirement row.
    const max = row.maxTenths[fact.category];
    let room = Math.max(0, max - applied[fact.category]);
    let limit = `category ${fact.category} maximum reached`;
    // D3.11: a per-cycle cap of the type, per year certified.
    const definition = findActivityDefinition(policy, fact.activityType);
    const perYear = definition?.cycleCapPerCertifiedYearTenths;
    if (perYear !== undefined) {
      const years = certifiedYears(policy, held.earnedOn);
      const typeRoom = Math.max(0, perYear * years - (appliedByType.get(fact.activityType) ?? 0));
      if (typeRoom < room) {
        room = typeRoom;
        limit = `${definition?.name.toLowerCase()} maximum of ${formatCeus(perYear * years)} for ${years} year${years === 1 ? '' : 's'} certified reached`;
      }
    }
    const take = Math.min(fact.tenths, room);
    applied[fact.category] += take;
    appliedByType.set(fact.activityType, (appliedByType.get(fact.activityType) ?? 0) + take);
    if (definition?.completesAlone !== false) appliedCompletingTenths += take;
    if (take === fact.tenths) line(take, `counted for ${name}: ${formatCeus(take)} CEU`);
    else if (take > 0) line(take, `${formatCeus(take)} of ${formatCeus(fact.tenths)} counted: ${limit}`);
    else line(0, `not counted for ${name}: ${limit}`);
  }

  const appliedTenths = CATEGORIES.reduce((sum, c) => sum + applied[c], 0);
  const reportedTenths = CATEGORIES.reduce((sum, c) => sum + reported[c], 0);
  const categoriesUsed = CATEGORIES.filter((c) => applied[c] > 0);
  // D2.5: passing the exam again before the deadline recertifies without CEUs.
  const exam = facts.examPassed
    .filter((e) => e.certification === name && e.on <= asOf && e.on >= policy.startsOn && e.on <= policy.endsOn)
    .map((e) => e.on)
    .sort()[0];
  const ceusByActivities =
    appliedTenths >= row.requiredTenths &&
    (!needsTwoCategories(row) || categoriesUsed.length >= 2) && // D3.5
    (row.requiredTenths === 0 || appliedCompletingTenths > 0); // D3.13
  return {
    row,
    countsFrom,
    ledger,
    byCategory: CATEGORIES.map((category) => ({ category, reportedTenths: reported[category], appliedTenths: applied[category], maxTenths: row.maxTenths[category] })),
    reportedTenths,
    appliedTenths,
    categoriesUsed,
    appliedCompletingTenths,
    examPassedOn: exam ?? null,
    ceusMet: exam !== undefined || ceusByActivities,
  };
}

// ---------------------------------------------------------------------------------------------
// Fees (D4.1-D4.4)

interface FeeState {
  dueCents: number | null;
  paid: boolean;
  lateFeePaidOn: BusinessDate | null;
  otherFeesPaid: FeeFact[];
}

function feeState(policy: CyclePolicy, facts: CycleFacts, held: HeldCertification, asOf: BusinessDate): FeeState {
  const paid = facts.fees.filter((f) => f.paidOn <= asOf).sort((a, b) => compare(a.paidOn, b.paidOn));
  // D4.1, D4.3: only a recertification fee for THIS certification pays it.
  const recertification = paid.filter((f) => f.feeType === 'recertification' && f.certification === held.certification);
  const firstPaidOn = recertification[0]?.paidOn ?? asOf;
  const dueCents = recertificationFeeCents(policy, held.earnedOn, facts.member, firstPaidOn);
  const paidCents = recertification.reduce((sum, f) => sum + f.amountCents, 0);
  // A null amount (not published) accepts any recertification payment (docs/domain.md).
  const feePaid = dueCents === null ? recertification.length > 0 : paidCents >= dueCents;
  let lateCents = 0;
  let lateFeePaidOn: BusinessDate | null = null;
  for (const f of paid) {
    if (f.feeType !== 'late' || (f.certification !== undefined && f.certification !== held.certification)) continue;
    lateCents += f.amountCents;
    if (lateFeePaidOn === null && lateCents >= (policy.lateFeeCents ?? 0)) lateFeePaidOn = f.paidOn;
  }
  return {
    dueCents,
    paid: feePaid,
    lateFeePaidOn,
    otherFeesPaid: paid.filter((f) => f.feeType === 'membership' || f.feeType === 'insurance' || f.feeType === 'rscc'),
  };
}

function money(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------
// The status

/** D2.3, D2.4: the standard path (CEUs + fee) held on `date`. */
function standardComplete(policy: CyclePolicy, facts: CycleFacts, held: HeldCertification, date: BusinessDate): boolean {
  const known = knownActivities(facts, date);
  return allocate(policy, facts, held, known, date).ceusMet && feeState(policy, facts, held, date).paid;
}

/**
 * The first date of the final unbroken run of standard completion up to `asOf` (which must be
 * complete). Between withdrawals and rejections, facts only add CEUs and payments, so completion
 * can only switch on: each such stretch is searched by halving instead of date by date.
 */
function standardCompletedOn(policy: CyclePolicy, facts: CycleFacts, held: HeldCertification, asOf: BusinessDate): BusinessDate {
  const all = new Set<BusinessDate>();
  const losses = new Set<BusinessDate>();
  for (const a of facts.activities) {
    all.add(a.reportedOn);
    if (a.withdrawnOn) { all.add(a.withdrawnOn); losses.add(a.withdrawnOn); }
    if (a.disallowed) { all.add(a.disallowed.on); losses.add(a.disallowed.on); }
  }
  for (const f of facts.fees) all.add(f.paidOn);
  for (const e of facts.examPassed) all.add(e.on);
  const dates = [...all].filter((d) => d <= asOf).sort();
  if (dates.length === 0) return asOf;
  const complete = (i: number) => standardComplete(policy, facts, held, dates[i]);
  let last = dates.length - 1; // complete at dates[last]
  for (;;) {
    let first = last;
    while (first > 0 && !losses.has(dates[first])) first -= 1; // the stretch [first, last] only gains
    let lo = first;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (complete(mid)) hi = mid;
      else lo = mid + 1;
    }
    if (lo > first || first === 0 || !complete(first - 1)) return dates[lo];
    last = first - 1;
  }
}

function lateDeadlineOf(facts: Pick<CycleFacts, 'extension'>, policy: CyclePolicy, asOf: BusinessDate): BusinessDate {
  const ext = facts.extension;
  if (ext && (ext.grantedOn === undefined || ext.grantedOn <= asOf)) return laterOf(ext.until, policy.lateWindowEndsOn);
  return policy.lateWindowEndsOn;
}

function certificationStatus(
  policy: CyclePolicy,
  facts: CycleFacts,
  held: HeldCertification,
  known: KnownActivity[],
  asOf: BusinessDate,
  lateDeadline: BusinessDate,
  audit: CycleStatus['audit'],
): CertificationCycleStatus {
  const name = held.certification;
  const ceus = allocate(policy, facts, held, known, asOf);
  const fees = feeState(policy, facts, held, asOf);
  const required = !ceus.row.carriedIntoNextCycle;
  const base = {
    certification: name,
    earnedOn: held.earnedOn,
    required,
    requirementLabel: ceus.row.label,
    requiredTenths: ceus.row.requiredTenths,
    reportedTenths: ceus.reportedTenths,
    appliedTenths: ceus.appliedTenths,
    byCategory: ceus.byCategory,
    categoriesUsed: ceus.categoriesUsed,
    countsFrom: ceus.countsFrom,
    recertificationFeeCents: required ? fees.dueCents : 0,
    recertificationFeePaid: required ? fees.paid : true,
    lateFeePaid: fees.lateFeePaidOn !== null,
    ledger: ceus.ledger,
  };
  const result = (status: CertificationStatus, blockers: Blocker[], completedOn: BusinessDate | null, lateFeeDue: boolean): CertificationCycleStatus => ({
    ...base,
    lateFeeDue,
    status,
    blockers,
    completedOn,
  });

  // D2.2
  if (!required) {
    return result('NotRequired', [{ code: 'CARRIED_INTO_NEXT_CYCLE', message: `${name} was earned on ${held.earnedOn}: nothing is required in ${policy.cycle}; it is carried into ${nextCycleOf(policy.cycle)}, whose CEUs count from ${addDays(policy.endsOn, 1)}.` }], null, false);
  }

  // D6.3: a reinstatement by appeal.
  const reinstated = facts.reinstated.filter((r) => r.certification === name && r.on <= asOf).map((r) => r.on).sort().pop();
  const extensionUntil = lateDeadline !== policy.lateWindowEndsOn ? lateDeadline : null;
  const expiry = facts.expired
    .filter((e) => e.certification === name && e.on <= asOf)
    // An extension granted on appeal supersedes an expiry recorded before its date (D6.3).
    .filter((e) => extensionUntil === null || e.on > extensionUntil)
    .sort((a, b) => compare(a.on, b.on))
    .pop();
  if (reinstated && (!expiry || reinstated >= expiry.on)) {
    return result('Reinstated', [{ code: 'REINSTATED', message: `${name} was reinstated on appeal on ${reinstated}.` }], null, false);
  }
  if (expiry) {
    return result('Expired', [{ code: 'CERTIFICATION_EXPIRED', message: `${name} expired on ${expiry.on}: ${expiry.reason}.` }], null, false);
  }
  // D4.6, D5.4: a failed audit ends with the person not recertified.
  if (audit?.status === 'failed') {
    return result('Expired', [{ code: 'AUDIT_FAILED', message: `The ${policy.cycle} audit failed, so ${name} is not recertified.` }], null, false);
  }

  // D4.4: the late fee applies to what was not complete at the deadline, not to a later correction.
  const lateFeeDue = asOf > policy.endsOn && !standardComplete(policy, facts, held, policy.endsOn);
  const blockers: Blocker[] = [];
  if (ceus.ceusMet && fees.paid) {
    const standardOn = standardCompletedOn(policy, facts, held, asOf);
    if (standardOn <= policy.endsOn || !lateFeeDue) return result('Complete', [], standardOn, false);
    // D2.3, D4.4: completion in the late window also needs the late fee.
    if (fees.lateFeePaidOn !== null) {
      const completedOn = laterOf(standardOn, fees.lateFeePaidOn);
      if (completedOn <= lateDeadline) {
        return result('CompleteLate', [{ code: 'COMPLETED_LATE', message: `${name} was completed on ${completedOn}, after the ${policy.endsOn} deadline; its CEUs in ${nextCycleOf(policy.cycle)} count from ${policy.lateCompletionNextCycleStartsOn}.` }], completedOn, true);
      }
    }
  }

  if (!ceus.ceusMet) {
    if (ceus.appliedTenths < ceus.row.requiredTenths) {
      blockers.push({ code: 'CEUS_SHORT', message: `${name} needs ${formatCeus(ceus.row.requiredTenths)} CEUs; ${formatCeus(ceus.appliedTenths)} are applied (${formatCeus(ceus.row.requiredTenths - ceus.appliedTenths)} to go).` });
    }
    if (needsTwoCategories(ceus.row) && ceus.categoriesUsed.length < 2) {
      blockers.push({ code: 'TWO_CATEGORIES_REQUIRED', message: `${name} needs CEUs applied from at least two categories; ${ceus.categoriesUsed.length === 0 ? 'none are applied yet' : `all applied CEUs are from category ${ceus.categoriesUsed[0]}`}.` });
    }
    if (ceus.appliedTenths >= ceus.row.requiredTenths && ceus.appliedCompletingTenths === 0) {
      blockers.push({ code: 'ADDITIONAL_CERTIFICATION_NOT_ENOUGH', message: `An additional NSCA certification does not by itself complete ${name}: other CEUs are needed.` });
    }
  }
  if (!fees.paid) {
    const amount = fees.dueCents === null ? '' : ` (${money(fees.dueCents)})`;
    blockers.push({ code: 'RECERTIFICATION_FEE_MISSING', message: `The ${name} recertification fee${amount} has not been paid.` });
    for (const other of fees.otherFeesPaid) {
      blockers.push({ code: 'OTHER_FEE_NOT_RECERTIFICATION', message: `A ${other.feeType === 'rscc' ? 'RSCC' : other.feeType} fee was paid on ${other.paidOn}; it does not pay the ${name} recertification fee.` });
    }
  }
  if (lateFeeDue && fees.lateFeePaidOn === null) {
    const amount = policy.lateFeeCents === null ? '' : ` (${money(policy.lateFeeCents)})`;
    blockers.push({ code: 'LATE_FEE_MISSING', message: `The ${policy.endsOn} deadline has passed: completing ${name} now also needs the late fee${amount}, by ${lateDeadline}.` });
  }

  // D2.4: not complete when the late window (or extension) ends: expired, recorded or not.
  if (asOf > lateDeadline) {
    if (audit?.status === 'open') {
      blockers.push({ code: 'AUDIT_OPEN', message: `The ${policy.cycle} audit is open and the applied CEUs fall short; its outcome decides ${name}.` });
      return result(ceus.ceusMet ? 'CeusMet' : 'InProgress', blockers, null, lateFeeDue);
    }
    return result('Expired', [{ code: 'LATE_WINDOW_ENDED', message: `${name} was not complete when the late window ended on ${lateDeadline}.` }, ...blockers], null, lateFeeDue);
  }
  return result(ceus.ceusMet ? 'CeusMet' : 'InProgress', blockers, null, lateFeeDue);
}

/** D8: Recertification with Distinction. */
function distinctionOf(policy: CyclePolicy, facts: CycleFacts, known: KnownActivity[], certifications: CertificationCycleStatus[], asOf: BusinessDate): CycleStatus['distinction'] {
  const rule = policy.distinction;
  const requiredTenths = rule.baseTenths + rule.perAdditionalCertificationTenths * Math.max(0, facts.certifications.length - 1);
  // Not prorated, no category maximum: every counted body activity of the cycle.
  const bodyActivityTenths = known
    .filter(({ fact, excluded }) => excluded === null && fact.bodyRecorded && fact.activityDate <= policy.endsOn && certifications.some((c) => fact.activityDate >= c.countsFrom))
    .reduce((sum, { fact }) => sum + fact.tenths, 0);
  const required = certifications.filter((c) => c.required);
  const reasons: string[] = [];
  const standard = required.length > 0 && required.every((c) => c.status === 'Complete' || c.status === 'CompleteLate');
  reasons.push(standard ? 'standard recertification complete' : 'standard recertification not complete');
  const enough = bodyActivityTenths >= requiredTenths;
  reasons.push(`${formatCeus(bodyActivityTenths)} of ${formatCeus(requiredTenths)} CEUs from the body's own activities`);
  const fee = facts.member ? rule.memberFeeCents : rule.nonMemberFeeCents;
  const feePaid = fee === 0 || facts.fees.filter((f) => f.feeType === 'distinction' && f.paidOn <= asOf).reduce((s, f) => s + f.amountCents, 0) >= fee;
  if (fee > 0) reasons.push(feePaid ? `distinction fee of ${money(fee)} paid` : `distinction fee of ${money(fee)} not paid`);
  return { eligible: standard && enough && feePaid, reasons, requiredTenths, bodyActivityTenths };
}

/**
 * The status of every certification a certificant holds in `facts.cycle`, as of `asOf`: facts
 * reported, paid or decided after `asOf` are ignored, so any past status can be recomputed.
 */
export function cycleStatus(facts: CycleFacts, policy: CyclePolicy, asOf: BusinessDate): CycleStatus {
  const known = knownActivities(facts, asOf);
  const lateDeadline = lateDeadlineOf(facts, policy, asOf);
  const a = facts.audit && facts.audit.selectedOn <= asOf ? facts.audit : null;
  const audit: CycleStatus['audit'] = a
    ? { ...(a.auditId !== undefined ? { auditId: a.auditId } : {}), status: a.closedOn !== undefined && a.closedOn > asOf ? 'open' : a.status, selectedOn: a.selectedOn }
    : null;
  const certifications = inStatusOrder(facts.certifications).map((held) => certificationStatus(policy, facts, held, known, asOf, lateDeadline, audit));
  return {
    cycle: policy.cycle,
    asOf,
    deadline: policy.endsOn,
    lateDeadline,
    certifications,
    audit,
    distinction: distinctionOf(policy, facts, known, certifications, asOf),
  };
}

function inStatusOrder(held: HeldCertification[]): HeldCertification[] {
  return [...held].sort((x, y) => compare(x.earnedOn, y.earnedOn) || compare(x.certification, y.certification));
}

// ---------------------------------------------------------------------------------------------
// Reporting terms: the part of the status a report is decided on

export interface ReportingTerms {
  /** `CycleStatus.lateDeadline`: the late window's end, or a granted extension (D2.3, D6.3). */
  lateDeadline: BusinessDate;
  /** Per certification, in the order of `CycleStatus.certifications`: its `countsFrom` (D3.1, D2.3). */
  certifications: { certification: Certification; countsFrom: BusinessDate }[];
}

/**
 * What `cycleStatus(facts, policy, asOf)` says about when, and from when, this cycle's CEUs can
 * be reported: its `lateDeadline` and each certification's `countsFrom`, computed by the same
 * functions, without judging a single activity (neither depends on the activities or fees). A
 * report is decided on these (`reportActivity`), so deciding it costs the same whether the cycle
 * holds three activities or three hundred; an import of thousands of rows no longer re-judges
 * the whole cycle for every row. Throws where `cycleStatus` throws (a certification the policy
 * has no requirement row for).
 */
export function reportingTerms(facts: Pick<CycleFacts, 'certifications' | 'extension'>, policy: CyclePolicy, asOf: BusinessDate): ReportingTerms {
  return {
    lateDeadline: lateDeadlineOf(facts, policy, asOf),
    certifications: inStatusOrder(facts.certifications).map((held) => {
      requirementFor(policy, held.earnedOn);
      return { certification: held.certification, countsFrom: countsFromFor(policy, held) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Preview (D4a.2)

export type ActivityPreview =
  | {
      ok: true;
      category: Category;
      tenths: Tenths;
      appliesTo: Certification[];
      statusBefore: CycleStatus;
      statusAfter: CycleStatus;
      explanation: string;
    }
  | { ok: false; code: string; message: string };

export const PREVIEW_ACTIVITY_ID = '(preview)';

/** What reporting `input` on `asOf` would change; records nothing. */
export function previewActivity(facts: CycleFacts, policy: CyclePolicy, asOf: BusinessDate, input: ActivityInput, reporter: Reporter): ActivityPreview {
  const valued = valueActivity(policy, input, reporter);
  if (!valued.ok) return valued;
  const fact: ActivityFact = {
    activityId: PREVIEW_ACTIVITY_ID,
    activityType: input.activityType,
    activityDate: input.activityDate,
    title: input.title,
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    category: valued.category,
    tenths: valued.tenths,
    reportedBy: reporter,
    reportedOn: asOf,
    bodyRecorded: valued.bodyRecorded,
    ...(input.eventRef !== undefined ? { eventRef: input.eventRef } : {}),
    ...(input.externalRef !== undefined ? { externalRef: input.externalRef } : {}),
  };
  const statusBefore = cycleStatus(facts, policy, asOf);
  const statusAfter = cycleStatus({ ...facts, activities: [...facts.activities, fact] }, policy, asOf);
  const lines = statusAfter.certifications.map((c) => ({ certification: c.certification, line: c.ledger.find((l) => l.activityId === PREVIEW_ACTIVITY_ID) }));
  return {
    ok: true,
    category: valued.category,
    tenths: valued.tenths,
    appliesTo: lines.filter((l) => (l.line?.appliedTenths ?? 0) > 0).map((l) => l.certification),
    statusBefore,
    statusAfter,
    explanation: [valued.explanation, ...lines.map((l) => `${l.certification}: ${l.line?.explanation ?? 'not counted'}`)].join('; '),
  };
}
