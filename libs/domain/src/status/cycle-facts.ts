/**
 * The input of `cycleStatus`: what the cycle stream knows about one certificant in one cycle.
 *
 * Note for the deciders engineer (additions to the agreed shape, all optional):
 * - `HeldCertification.countsFrom`: set it to `nextCycleStart(previousPolicy, earnedOn,
 *   completedOn).countsFrom` when the previous cycle was completed in its late window (D2.3,
 *   February 1). Absent = the later of the cycle start and the earned date (D3.1).
 * - `audit.auditId`: shown in the status (api.md `audit: { auditId, status }`).
 * - `ActivityFact.provider`: part of the duplicate key when there is no `eventRef` (D3.16).
 * - `extension.grantedOn`: when the appeal was decided; the extension applies from then, and it
 *   supersedes an expiry recorded before `until` (not an audit failure).
 * - `FeeFact.certification` is required for a 'recertification' fee to count (D4.1: per
 *   certification); a 'late' fee without one covers the whole cycle.
 */
import type { ActivityType, BusinessDate, Category, Cents, Certification, CycleName, FeeType, Reporter, Tenths } from '../shared/types';

export interface HeldCertification {
  certification: Certification;
  earnedOn: BusinessDate;
  /** D2.3: CEUs count from this date (February 1 after a late completion of the previous cycle). */
  countsFrom?: BusinessDate;
}

export interface ActivityFact {
  activityId: string;
  activityType: ActivityType;
  activityDate: BusinessDate;
  title: string;
  provider?: string;
  /** As valued when reported (`valueActivity`). */
  category: Category;
  tenths: Tenths;
  reportedBy: Reporter;
  reportedOn: BusinessDate;
  bodyRecorded: boolean;
  eventRef?: string;
  externalRef?: string;
  /** Withdrawn by the reporter or staff. */
  withdrawnOn?: BusinessDate;
  /** Rejected by audit (D5.4) or staff. */
  disallowed?: { on: BusinessDate; reason: string; by?: string };
}

export interface FeeFact {
  feeType: FeeType;
  certification?: Certification;
  amountCents: Cents;
  paidOn: BusinessDate;
}

export interface CycleFacts {
  cycle: CycleName;
  member: boolean;
  certifications: HeldCertification[];
  activities: ActivityFact[];
  fees: FeeFact[];
  /** D2.5 */
  examPassed: { certification: Certification; on: BusinessDate }[];
  /** A granted appeal's extension (D6.3): the late deadline moves to `until`. */
  extension: { until: BusinessDate; grantedOn?: BusinessDate } | null;
  /** A granted appeal's reinstatement (D6.3). */
  reinstated: { certification: Certification; on: BusinessDate }[];
  /** Recorded expiries (audit failed, late window over). */
  expired: { certification: Certification; on: BusinessDate; reason: string }[];
  audit: { auditId?: string; status: 'open' | 'passed' | 'failed'; selectedOn: BusinessDate; closedOn?: BusinessDate } | null;
}

/** A cycle with nothing recorded yet. */
export function emptyCycleFacts(cycle: CycleName, member = false): CycleFacts {
  return { cycle, member, certifications: [], activities: [], fees: [], examPassed: [], extension: null, reinstated: [], expired: [], audit: null };
}
