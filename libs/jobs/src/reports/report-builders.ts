import {
  CATEGORIES,
  COMPLETE_STATUSES,
  fromTenths,
  type BusinessDate,
  type CertificationStatus,
  type CycleName,
  type Tenths,
} from '@recert/domain';
import { cyclesOnRecord, evaluateCycles, type CycleEvaluation } from './evaluate';
import type { History } from './history';
import type { ReportCell, ReportColumn, ReportResult, ReportType } from './report';

export type ReportBody = Pick<ReportResult, 'columns' | 'rows' | 'summary'>;
type Row = Record<string, ReportCell>;

/** Every status, in the order a report lists them; a Record so a new domain status fails to compile here. */
const STATUS_ORDER: Record<CertificationStatus, number> = {
  NotRequired: 0,
  InProgress: 1,
  CeusMet: 2,
  Complete: 3,
  CompleteLate: 4,
  Expired: 5,
  Reinstated: 6,
};
const STATUSES = (Object.keys(STATUS_ORDER) as CertificationStatus[]).sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b]);
const COMPLETE = new Set<string>(COMPLETE_STATUSES);

const col = (key: string, label: string): ReportColumn => ({ key, label });
const ceus = (tenths: Tenths): number => fromTenths(tenths);
/** A share to four decimals; `null` when there is nothing to divide by. */
const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface BuildInput {
  history: History;
  asOf: BusinessDate;
  cycle: CycleName | null;
}

export function buildReport(type: ReportType, input: BuildInput): ReportBody {
  switch (type) {
    case 'cycle-completion':
      return cycleCompletion(evaluations(input));
    case 'ceus-by-category':
      return ceusByCategory(evaluations(input));
    case 'audit-outcomes':
      return auditOutcomes(evaluations(input));
    case 'appeals':
      return appeals(input);
    case 'status-as-of':
      return statusAsOf(evaluateCycles(input.history, input.cycle ? [input.cycle] : cycleOfAsOf(input), input.asOf));
    case 'program-statistics':
      return programStatistics(input, evaluations(input));
  }
}

function evaluations({ history, asOf, cycle }: BuildInput): CycleEvaluation[] {
  return evaluateCycles(history, cycle ? [cycle] : cyclesOnRecord(history, asOf), asOf);
}

/** The latest cycle begun by `asOf` that has a policy (cyclesOnRecord always considers the cycle of `asOf`). */
function cycleOfAsOf({ history, asOf }: BuildInput): CycleName[] {
  return cyclesOnRecord(history, asOf).slice(-1);
}

/** Counts by status per cycle and certification (required certifications and carried-over ones alike). */
function cycleCompletion(evaluated: CycleEvaluation[]): ReportBody {
  const groups = new Map<string, { cycle: string; certification: string; counts: Record<string, number>; required: number; completed: number }>();
  const totals: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  let required = 0;
  let completed = 0;
  for (const { cycle, status } of evaluated) {
    for (const c of status.certifications) {
      const key = `${cycle}|${c.certification}`;
      let group = groups.get(key);
      if (!group) {
        group = { cycle, certification: c.certification, counts: Object.fromEntries(STATUSES.map((s) => [s, 0])), required: 0, completed: 0 };
        groups.set(key, group);
      }
      group.counts[c.status]! += 1;
      totals[c.status]! += 1;
      if (c.required) {
        group.required += 1;
        required += 1;
        if (COMPLETE.has(c.status)) {
          group.completed += 1;
          completed += 1;
        }
      }
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => compare(a.cycle, b.cycle) || compare(a.certification, b.certification))
    .map<Row>((g) => ({
      cycle: g.cycle,
      certification: g.certification,
      certificants: STATUSES.reduce((sum, s) => sum + g.counts[s]!, 0),
      ...g.counts,
      required: g.required,
      completed: g.completed,
      completionRate: rate(g.completed, g.required),
    }));
  return {
    columns: [col('cycle', 'Cycle'), col('certification', 'Certification'), col('certificants', 'Certificants'), ...STATUSES.map((s) => col(s, s)), col('required', 'Required'), col('completed', 'Completed'), col('completionRate', 'Completion rate')],
    rows,
    summary: { certificants: STATUSES.reduce((sum, s) => sum + totals[s]!, 0), ...totals, required, completed, completionRate: rate(completed, required) },
  };
}

/**
 * Category rows carry the domain's own reported and applied CEUs (`byCategory`). Activity-type
 * rows sum the ledger: reported = activities on record by `asOf` and neither withdrawn nor
 * disallowed by then; applied = what the ledger applied. Per certification, since the same
 * activity applies to each certification held (D3.1) with its own caps.
 */
function ceusByCategory(evaluated: CycleEvaluation[]): ReportBody {
  const groups = new Map<string, { cycle: string; certification: string; dimension: string; value: string; activities: number; reported: Tenths; applied: Tenths }>();
  const group = (cycle: string, certification: string, dimension: string, value: string) => {
    const key = `${cycle}|${certification}|${dimension}|${value}`;
    let g = groups.get(key);
    if (!g) {
      g = { cycle, certification, dimension, value, activities: 0, reported: 0, applied: 0 };
      groups.set(key, g);
    }
    return g;
  };
  let reported = 0;
  let applied = 0;
  for (const { cycle, facts, status } of evaluated) {
    const standing = new Map<string, boolean>();
    for (const a of facts.activities) {
      const out = (a.withdrawnOn !== undefined && a.withdrawnOn <= status.asOf) || (a.disallowed !== undefined && a.disallowed.on <= status.asOf);
      standing.set(a.activityId, !out);
    }
    for (const c of status.certifications) {
      reported += c.reportedTenths;
      applied += c.appliedTenths;
      for (const line of c.byCategory) {
        const g = group(cycle, c.certification, 'category', line.category);
        g.reported += line.reportedTenths;
        g.applied += line.appliedTenths;
      }
      for (const line of c.ledger) {
        group(cycle, c.certification, 'category', line.category).activities += 1;
        const g = group(cycle, c.certification, 'activity-type', line.activityType);
        g.activities += 1;
        if (standing.get(line.activityId)) g.reported += line.reportedTenths;
        g.applied += line.appliedTenths;
      }
    }
  }
  const rows = [...groups.values()]
    .sort((a, b) => compare(a.cycle, b.cycle) || compare(a.certification, b.certification) || compare(a.dimension, b.dimension) || compare(a.value, b.value))
    .map<Row>((g) => ({ cycle: g.cycle, certification: g.certification, dimension: g.dimension, value: g.value, activities: g.activities, reportedCeus: ceus(g.reported), appliedCeus: ceus(g.applied) }));
  const byCategory: Row = {};
  for (const category of CATEGORIES) {
    const lines = [...groups.values()].filter((g) => g.dimension === 'category' && g.value === category);
    byCategory[`applied${category}`] = ceus(lines.reduce((s, g) => s + g.applied, 0));
  }
  return {
    columns: [col('cycle', 'Cycle'), col('certification', 'Certification'), col('dimension', 'By'), col('value', 'Category or activity type'), col('activities', 'Activities'), col('reportedCeus', 'Reported CEUs'), col('appliedCeus', 'Applied CEUs')],
    rows,
    summary: { reportedCeus: ceus(reported), appliedCeus: ceus(applied), ...byCategory },
  };
}

interface AuditCounts {
  certificants: number;
  selected: number;
  open: number;
  passed: number;
  failed: number;
}

function auditCounts(evaluated: CycleEvaluation[]): AuditCounts {
  const counts: AuditCounts = { certificants: 0, selected: 0, open: 0, passed: 0, failed: 0 };
  for (const { status } of evaluated) {
    counts.certificants += 1;
    if (!status.audit) continue;
    counts.selected += 1;
    counts[status.audit.status] += 1;
  }
  return counts;
}

const auditCells = (c: AuditCounts): Row => ({
  ...c,
  selectionRate: rate(c.selected, c.certificants),
  failureRate: rate(c.failed, c.passed + c.failed),
});

/** The audit as `cycleStatus` reports it on `asOf`: selected by then, and open until closed by then (D5). */
function auditOutcomes(evaluated: CycleEvaluation[]): ReportBody {
  const rows = groupByCycle(evaluated).map<Row>(([cycle, list]) => ({ cycle, ...auditCells(auditCounts(list)) }));
  return {
    columns: [col('cycle', 'Cycle'), col('certificants', 'Certificants'), col('selected', 'Selected'), col('open', 'Open'), col('passed', 'Passed'), col('failed', 'Failed'), col('selectionRate', 'Selection rate'), col('failureRate', 'Failure rate')],
    rows,
    summary: auditCells(auditCounts(evaluated)),
  };
}

function groupByCycle(evaluated: CycleEvaluation[]): [CycleName, CycleEvaluation[]][] {
  const byCycle = new Map<CycleName, CycleEvaluation[]>();
  for (const e of evaluated) {
    const list = byCycle.get(e.cycle);
    if (list) list.push(e);
    else byCycle.set(e.cycle, [e]);
  }
  return [...byCycle.entries()].sort(([a], [b]) => compare(a, b));
}

type AppealDecision = 'granted' | 'denied' | 'pending';
interface AppealLine {
  cycle: CycleName;
  grounds: string;
  kind: string;
  decision: AppealDecision;
  remedy: string;
}

/** Appeals filed by `asOf`; a decision made after `asOf` is still pending on that date. */
function appealLines({ history, asOf, cycle }: BuildInput): AppealLine[] {
  const lines: AppealLine[] = [];
  for (const { state, grounds, kind, filedOn } of history.appeals.values()) {
    if (!state.cycle || filedOn === null || filedOn > asOf || (cycle && state.cycle !== cycle)) continue;
    const decided = state.decision && state.decision.decidedOn <= asOf ? state.decision : null;
    lines.push({
      cycle: state.cycle,
      grounds: grounds ?? 'unknown',
      kind: kind ?? 'unknown',
      decision: decided ? decided.decision : 'pending',
      remedy: decided?.remedy?.kind ?? '',
    });
  }
  return lines;
}

interface AppealCounts {
  filed: number;
  granted: number;
  denied: number;
  pending: number;
}
function appealCounts(lines: AppealLine[]): AppealCounts {
  const counts: AppealCounts = { filed: lines.length, granted: 0, denied: 0, pending: 0 };
  for (const line of lines) counts[line.decision] += 1;
  return counts;
}
const appealCells = (c: AppealCounts): Row => ({ ...c, grantRate: rate(c.granted, c.granted + c.denied) });

function appeals(input: BuildInput): ReportBody {
  const lines = appealLines(input);
  const groups = new Map<string, AppealLine & { appeals: number }>();
  for (const line of lines) {
    const key = `${line.cycle}|${line.grounds}|${line.kind}|${line.decision}|${line.remedy}`;
    const g = groups.get(key);
    if (g) g.appeals += 1;
    else groups.set(key, { ...line, appeals: 1 });
  }
  const rows = [...groups.entries()].sort(([a], [b]) => compare(a, b)).map<Row>(([, g]) => ({ ...g }));
  return {
    columns: [col('cycle', 'Cycle'), col('grounds', 'Grounds'), col('kind', 'Kind'), col('decision', 'Decision'), col('remedy', 'Remedy'), col('appeals', 'Appeals')],
    rows,
    summary: appealCells(appealCounts(lines)),
  };
}

function statusAsOf(evaluated: CycleEvaluation[]): ReportBody {
  const rows: Row[] = [];
  const totals: Record<string, number> = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const { certificantId, cycle, status } of evaluated) {
    for (const c of status.certifications) {
      totals[c.status]! += 1;
      rows.push({
        certificantId,
        cycle,
        certification: c.certification,
        earnedOn: c.earnedOn,
        required: c.required ? 'yes' : 'no',
        status: c.status,
        requiredCeus: ceus(c.requiredTenths),
        appliedCeus: ceus(c.appliedTenths),
        completedOn: c.completedOn,
        audit: status.audit?.status ?? null,
        blockers: c.blockers.map((b) => b.code).join(' '),
      });
    }
  }
  // evaluateCycles sorts by certificant; cycleStatus orders certifications by earned date: re-sort by name.
  rows.sort((a, b) => compare(String(a.certificantId), String(b.certificantId)) || compare(String(a.certification), String(b.certification)));
  return {
    columns: [
      col('certificantId', 'Certificant'),
      col('cycle', 'Cycle'),
      col('certification', 'Certification'),
      col('earnedOn', 'Earned on'),
      col('required', 'Required'),
      col('status', 'Status'),
      col('requiredCeus', 'Required CEUs'),
      col('appliedCeus', 'Applied CEUs'),
      col('completedOn', 'Completed on'),
      col('audit', 'Audit'),
      col('blockers', 'Blockers'),
    ],
    rows,
    summary: { certifications: rows.length, ...totals },
  };
}

/** What a body reports to its accreditor: one row per cycle, and the same figures over all of them. */
function programStatistics(input: BuildInput, evaluated: CycleEvaluation[]): ReportBody {
  const appealsByCycle = appealLines(input);
  const certificates = [...input.history.certificates.values()].flatMap(({ issued }) => (issued && issued.issuedOn <= input.asOf ? [issued] : []));
  const cells = (list: CycleEvaluation[], cycle: CycleName | null): Row => {
    let required = 0;
    let completed = 0;
    let completedLate = 0;
    let expired = 0;
    const applied: Record<string, Tenths> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    for (const { status } of list) {
      for (const c of status.certifications) {
        if (c.required) {
          required += 1;
          if (COMPLETE.has(c.status)) completed += 1;
        }
        if (c.status === 'CompleteLate') completedLate += 1;
        if (c.status === 'Expired') expired += 1;
        for (const line of c.byCategory) applied[line.category]! += line.appliedTenths;
      }
    }
    const appliedTotal = CATEGORIES.reduce((s, c) => s + applied[c]!, 0);
    const audits = auditCounts(list);
    const appealsHere = appealCounts(appealsByCycle.filter((a) => cycle === null || a.cycle === cycle));
    return {
      cycle: cycle ?? 'all',
      certificants: list.length,
      certificationsRequired: required,
      certificationsCompleted: completed,
      completedLate,
      expired,
      completionRate: rate(completed, required),
      auditsSelected: audits.selected,
      auditSelectionRate: rate(audits.selected, audits.certificants),
      auditsPassed: audits.passed,
      auditsFailed: audits.failed,
      auditFailureRate: rate(audits.failed, audits.passed + audits.failed),
      ...Object.fromEntries(CATEGORIES.map((c) => [`categoryShare${c}`, rate(applied[c]!, appliedTotal)])),
      appealsFiled: appealsHere.filed,
      appealsGranted: appealsHere.granted,
      appealsDenied: appealsHere.denied,
      appealsPending: appealsHere.pending,
      appealGrantRate: rate(appealsHere.granted, appealsHere.granted + appealsHere.denied),
      certificatesIssued: certificates.filter((c) => cycle === null || c.cycle === cycle).length,
    };
  };
  const rows = groupByCycle(evaluated).map(([cycle, list]) => cells(list, cycle));
  const summary = cells(evaluated, input.cycle);
  return {
    columns: Object.keys(summary).map((key) => col(key, PROGRAM_LABELS[key] ?? key)),
    rows,
    summary,
  };
}

const PROGRAM_LABELS: Record<string, string> = {
  cycle: 'Cycle',
  certificants: 'Certificants',
  certificationsRequired: 'Certifications due',
  certificationsCompleted: 'Certifications completed',
  completedLate: 'Completed late',
  expired: 'Expired',
  completionRate: 'Completion rate',
  auditsSelected: 'Audits selected',
  auditSelectionRate: 'Audit selection rate',
  auditsPassed: 'Audits passed',
  auditsFailed: 'Audits failed',
  auditFailureRate: 'Audit failure rate',
  categoryShareA: 'Category A share of applied CEUs',
  categoryShareB: 'Category B share of applied CEUs',
  categoryShareC: 'Category C share of applied CEUs',
  categoryShareD: 'Category D share of applied CEUs',
  appealsFiled: 'Appeals filed',
  appealsGranted: 'Appeals granted',
  appealsDenied: 'Appeals denied',
  appealsPending: 'Appeals pending',
  appealGrantRate: 'Appeal grant rate',
  certificatesIssued: 'Certificates issued',
};
