import type { ActivityType, BusinessDate, Category, Cents, Certification, CycleName, FeeType, Reporter, Tenths } from '../shared/types';

/** Stream `cycle-<certificantId>-<cycle>`: one certificant in one cycle, all certifications held. */
export const cycleStream = (certificantId: string, cycle: CycleName) => `cycle-${certificantId}-${cycle}`;

/**
 * The activity as reported and as valued by the policy in force (`valueActivity`). Decimal
 * inputs (hours, credit hours) are kept as given; CEUs are integer tenths.
 */
export type ActivityReported = {
  type: 'ActivityReported';
  data: {
    activityId: string;
    certificantId: string;
    cycle: CycleName;
    activityType: ActivityType;
    activityDate: BusinessDate;
    title: string;
    provider?: string;
    hours?: number;
    inScopeHours?: number;
    creditHours?: number;
    creditSystem?: 'semester' | 'quarter';
    /** The CEUs the reporter stated, for declared types (tenths). */
    declaredTenths?: Tenths;
    quizScore?: number;
    eventRef?: string;
    externalRef?: string;
    category: Category;
    tenths: Tenths;
    bodyRecorded: boolean;
    explanation: string;
    /** The certifications held on the activity's date when it was reported (D3.1, D3.2). */
    appliesTo: Certification[];
    /** D3.15: who put it on record, and the account that typed it. */
    reportedBy: Reporter;
    recordedBy: string;
    reportedOn: BusinessDate;
    importId?: string;
  };
};

export type ActivityWithdrawn = {
  type: 'ActivityWithdrawn';
  data: { activityId: string; reason: string; withdrawnOn: BusinessDate; withdrawnBy: string; importId?: string };
};

/** D5.4 (audit verdict) or staff: the activity stops counting; its history stays. */
export type ActivityDisallowed = {
  type: 'ActivityDisallowed';
  data: { activityId: string; reason: string; disallowedOn: BusinessDate; disallowedBy: string; auditId?: string };
};

/** D4.1-D4.3: any fee type; `expectedCents` is the policy's amount where published. */
export type FeePaid = {
  type: 'FeePaid';
  data: {
    feeId: string;
    feeType: FeeType;
    certification?: Certification;
    amountCents: Cents;
    expectedCents: Cents | null;
    paidOn: BusinessDate;
    recordedBy: string;
  };
};

/** D4.1: a milestone recorded when `cycleStatus` says complete (late = inside the late window, D2.3). */
export type CycleCompleted = {
  type: 'CycleCompleted';
  data: { certification: Certification; completedOn: BusinessDate; late: boolean };
};

/** D2.3: the deadline passed with these certifications not complete. */
export type LateReportingStarted = {
  type: 'LateReportingStarted';
  data: { cycle: CycleName; startedOn: BusinessDate; certifications: Certification[] };
};

export type CertificationExpired = {
  type: 'CertificationExpired';
  data: { certification: Certification; expiredOn: BusinessDate; reason: 'late-window-over' | 'audit-failed'; auditId?: string };
};

/** D6.3 */
export type CertificationReinstated = {
  type: 'CertificationReinstated';
  data: { certification: Certification; reinstatedOn: BusinessDate; appealId: string };
};

/** D6.3: the late deadline moves to `until`. */
export type ExtensionGranted = {
  type: 'ExtensionGranted';
  data: { until: BusinessDate; grantedOn: BusinessDate; appealId: string };
};

/** D8: earned in this cycle, shown during the next one. */
export type DistinctionAwarded = {
  type: 'DistinctionAwarded';
  data: { awardedOn: BusinessDate; certifications: Certification[]; bodyActivityTenths: Tenths; requiredTenths: Tenths };
};

export type CycleEvent =
  | ActivityReported
  | ActivityWithdrawn
  | ActivityDisallowed
  | FeePaid
  | CycleCompleted
  | LateReportingStarted
  | CertificationExpired
  | CertificationReinstated
  | ExtensionGranted
  | DistinctionAwarded;

export const CYCLE_EVENT_VERSIONS: Record<CycleEvent['type'], number> = {
  ActivityReported: 1,
  ActivityWithdrawn: 1,
  ActivityDisallowed: 1,
  FeePaid: 1,
  CycleCompleted: 1,
  LateReportingStarted: 1,
  CertificationExpired: 1,
  CertificationReinstated: 1,
  ExtensionGranted: 1,
  DistinctionAwarded: 1,
};
