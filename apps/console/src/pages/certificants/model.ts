/** The API's answers this area reads (api.md "Certificants" and "A certificant's cycle"; the controllers extend them). */

export const CERTIFICATIONS = ['CSCS', 'NSCA-CPT', 'TSAC-F', 'CSPS'] as const;
export const CYCLE_STATUSES = ['NotRequired', 'InProgress', 'CeusMet', 'Complete', 'CompleteLate', 'Expired', 'Reinstated'] as const;
export type CycleStatusName = (typeof CYCLE_STATUSES)[number];

export interface CertificationOnAccount {
  certification: string;
  earnedOn: string;
  /** Earned, but its documents have not arrived yet (D1.2). */
  pending: boolean;
}

export interface CertificantListItem {
  certificantId: string;
  name: string;
  email: string;
  memberId: string | null;
  certifications: CertificationOnAccount[];
  currentCycleStatus: null | { cycle: string; certifications: { certification: string; status: string; required: boolean }[] };
}

export interface CprAedCard {
  provider: string;
  completedOn: string;
  expiresOn: string;
  coversAdult: boolean;
  skillsEvaluation: boolean;
  deliveredOnline: boolean;
}

export interface CertificantProfile {
  certificantId: string;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  email: string | null;
  memberId: string | null;
  registeredOn: string | null;
  status: string;
  mergedInto: string | null;
  mergedAccounts: string[];
  certifications: CertificationOnAccount[];
  cprAed: { current: boolean; cards: CprAedCard[] };
  examsPassed: { certification: string; passedOn: string }[];
  cycles: { cycle: string; current: boolean; recorded: boolean }[];
}

export interface CategoryProgress {
  category: string;
  reportedCeus: number;
  appliedCeus: number;
  maxCeus: number;
}

export interface LedgerLine {
  activityId: string;
  activityType: string;
  activityDate: string;
  /** As reported. */
  title: string;
  category: string;
  reportedCeus: number;
  appliedCeus: number;
  explanation: string;
}

export interface CertificationCycleStatus {
  certification: string;
  earnedOn: string;
  required: boolean;
  requiredCeus: number;
  reportedCeus?: number;
  appliedCeus: number;
  byCategory: CategoryProgress[];
  categoriesUsed: string[] | number;
  countsFrom?: string;
  recertificationFeeCents?: number | null;
  recertificationFeePaid: boolean;
  lateFeeDue: boolean;
  lateFeePaid: boolean;
  status: string;
  completedOn?: string | null;
  blockers: { code: string; message: string }[];
  ledger: LedgerLine[];
}

export interface CycleStatus {
  certificantId: string;
  cycle: string;
  asOf?: string;
  deadline: string;
  lateDeadline: string;
  certifications: CertificationCycleStatus[];
  audit: null | { auditId?: string; status: string; selectedOn?: string; closedOn?: string };
  distinction: null | { eligible: boolean; reasons: string[]; requiredCeus?: number; bodyActivityCeus?: number };
}

export interface ActivityPreview {
  ceus: number;
  category: string;
  appliesTo: string[];
  statusBefore: CycleStatus;
  statusAfter: CycleStatus;
  explanation: string;
}

export interface HistoryItem {
  position: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string } | string;
  summary: string;
  certificantId: string;
  streamId: string;
}

export interface AppealInQueue {
  appealId: string;
  certificantId: string;
  cycle: string;
  certification: string | null;
  grounds: string;
  status: string;
  filedOn: string;
}

/** What every command answers besides its own fields (api.md Conventions). */
export interface CommandAnswer {
  position?: number | null;
}

/** A body field of the activity endpoints that a type uses (`GET /cycles/:cycle/activity-types`). */
export type ActivityField = 'hours' | 'inScopeHours' | 'creditHours' | 'creditSystem' | 'ceus' | 'quizScore' | 'eventRef';

/** One activity type of the cycle's policy, as `GET /cycles/:cycle/activity-types` answers it. */
export interface ActivityType {
  activityType: string;
  name: string;
  category: string;
  categoryName: string | null;
  value:
    | { kind: 'fixed'; ceus: number }
    | { kind: 'per-hour'; ceusPerHour: number }
    | { kind: 'credit-hours'; semesterCeus: number; quarterCeus: number }
    | { kind: 'declared'; defaultCeus: number | null };
  fields: { field: ActivityField; required: boolean }[];
  maxCeusPerItem: number | null;
  maxCeusPerCertifiedYear: number | null;
  adjustable: boolean;
  reportableBy: string[];
  passingScore: number | null;
  completesAlone: boolean;
}
