import { nextCycleStart, type CyclePolicy } from '../policy/policy';
import type { BusinessDate, Certification, CycleName } from '../shared/types';
import type { ActivityFact, CycleFacts, HeldCertification } from '../status/cycle-facts';
import type { CycleState } from './state';

/** What the cycle stream cannot know by itself: it lives on the certificant and audit streams. */
export interface CycleFactsFromElsewhere {
  cycle?: CycleName;
  /** D2.5: exams passed (certificant stream). */
  examPassed?: { certification: Certification; on: BusinessDate }[];
  /** D5: the audit of this cycle, if any (audit stream). */
  audit?: CycleFacts['audit'];
}

/**
 * The input of `cycleStatus` for this stream: the policy engineer's function decides the status,
 * never this file.
 */
export function toCycleFacts(
  state: CycleState,
  certifications: HeldCertification[],
  member: boolean,
  elsewhere: CycleFactsFromElsewhere = {},
): CycleFacts {
  const activities: ActivityFact[] = state.activities.map(({ reported: r, withdrawn, disallowed }) => ({
    activityId: r.activityId,
    activityType: r.activityType,
    activityDate: r.activityDate,
    title: r.title,
    ...(r.provider !== undefined ? { provider: r.provider } : {}),
    category: r.category,
    tenths: r.tenths,
    reportedBy: r.reportedBy,
    reportedOn: r.reportedOn,
    bodyRecorded: r.bodyRecorded,
    ...(r.eventRef !== undefined ? { eventRef: r.eventRef } : {}),
    ...(r.externalRef !== undefined ? { externalRef: r.externalRef } : {}),
    ...(withdrawn ? { withdrawnOn: withdrawn.withdrawnOn } : {}),
    ...(disallowed ? { disallowed: { on: disallowed.disallowedOn, reason: disallowed.reason, by: disallowed.disallowedBy } } : {}),
  }));
  return {
    cycle: elsewhere.cycle ?? state.cycle ?? '',
    member,
    certifications,
    activities,
    fees: state.fees.map((fee) => ({
      feeType: fee.feeType,
      ...(fee.certification !== undefined ? { certification: fee.certification } : {}),
      amountCents: fee.amountCents,
      paidOn: fee.paidOn,
    })),
    examPassed: elsewhere.examPassed ?? [],
    extension: state.extension ? { until: state.extension.until, grantedOn: state.extension.grantedOn } : null,
    reinstated: state.reinstated.map(({ certification, on }) => ({ certification, on })),
    expired: state.expired.map((e) => ({ certification: e.certification, on: e.expiredOn, reason: e.reason })),
    audit: elsewhere.audit ?? null,
  };
}

/**
 * D1.3: after a merge, the survivor's cycle is its own stream plus the duplicate's stream of the
 * same cycle. Activity and fee ids are unique, so a fact seen twice is kept once: nothing is lost
 * and nothing counts twice (the same event reported on both accounts is caught by cycleStatus's
 * D3.16 duplicate rule).
 */
export function joinCycleStates(states: CycleState[]): CycleState {
  const [first, ...rest] = states;
  if (!first) throw new Error('joinCycleStates needs at least one state');
  return rest.reduce<CycleState>((joined, other) => {
    const activityIds = new Set(joined.activities.map((a) => a.reported.activityId));
    const feeIds = new Set(joined.fees.map((f) => f.feeId));
    const extensions = [joined.extension, other.extension].filter((e) => e !== null);
    return {
      ...joined,
      activities: [...joined.activities, ...other.activities.filter((a) => !activityIds.has(a.reported.activityId))],
      fees: [...joined.fees, ...other.fees.filter((f) => !feeIds.has(f.feeId))],
      completed: [...joined.completed, ...other.completed.filter((c) => !joined.completed.some((j) => j.certification === c.certification))],
      expired: [...joined.expired, ...other.expired],
      reinstated: [...joined.reinstated, ...other.reinstated.filter((r) => !joined.reinstated.some((j) => j.appealId === r.appealId))],
      extension: extensions.sort((a, b) => (a.grantedOn < b.grantedOn ? 1 : -1))[0] ?? null,
      lateReportingStartedOn: [joined.lateReportingStartedOn, other.lateReportingStartedOn].filter((d) => d !== null).sort()[0] ?? null,
      distinctionAwardedOn: joined.distinctionAwardedOn ?? other.distinctionAwardedOn,
    };
  }, first);
}

/**
 * D2.3: the certifications of a cycle with the date their CEUs count from. A certification that
 * completed the previous cycle in its late window counts from February 1 (`nextCycleStart`).
 */
export function certificationsForCycle(
  held: { certification: Certification; earnedOn: BusinessDate }[],
  previous?: { state: CycleState; policy: CyclePolicy },
): HeldCertification[] {
  return held.map(({ certification, earnedOn }) => {
    const completed = previous?.state.completed.find((c) => c.certification === certification);
    if (!previous || !completed) return { certification, earnedOn };
    const { countsFrom } = nextCycleStart(previous.policy, earnedOn, completed.completedOn);
    return { certification, earnedOn, countsFrom };
  });
}
