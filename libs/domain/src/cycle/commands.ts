import type { CyclePolicy } from '../policy/policy';
import type { ActivityInput } from '../policy/value-activity';
import type { DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { BusinessDate, Cents, Certification, CycleName, Reporter } from '../shared/types';
import type { CycleFacts, HeldCertification } from '../status/cycle-facts';
import { cycleStatus, reportingTerms, type CycleStatus, type ReportingTerms } from '../status/cycle-status';
import { joinCycleStates, toCycleFacts } from './cycle-facts';
import type { CycleState } from './state';

interface CycleCommandBase {
  certificantId: string;
  cycle: CycleName;
}

export type ReportActivity = CycleCommandBase &
  ActivityInput & {
    type: 'ReportActivity';
    activityId?: string;
    /** D3.15: a certificant (reporting themselves, or staff typing it for them) or staff adding it. */
    reportedBy: Reporter;
    reportedOn?: BusinessDate;
    importId?: string;
  };
export type WithdrawActivity = CycleCommandBase & { type: 'WithdrawActivity'; activityId: string; reason: string; importId?: string };
export type DisallowActivity = CycleCommandBase & { type: 'DisallowActivity'; activityId: string; reason: string; auditId?: string };
export type PayFee = CycleCommandBase & {
  type: 'PayFee';
  feeId?: string;
  feeType: string;
  certification?: string;
  amountCents: Cents;
  paidOn?: BusinessDate;
};
export type CompleteCycle = CycleCommandBase & { type: 'CompleteCycle'; certification?: Certification };
export type StartLateReporting = CycleCommandBase & { type: 'StartLateReporting'; asOf?: BusinessDate };
export type ExpireCertification = CycleCommandBase & {
  type: 'ExpireCertification';
  reason: 'late-window-over' | 'audit-failed';
  certification?: Certification;
  auditId?: string;
  asOf?: BusinessDate;
};
export type ReinstateCertification = CycleCommandBase & { type: 'ReinstateCertification'; certification: Certification; appealId: string; reinstatedOn?: BusinessDate };
export type GrantExtension = CycleCommandBase & { type: 'GrantExtension'; until: BusinessDate; appealId: string; grantedOn?: BusinessDate };
export type AwardDistinction = CycleCommandBase & { type: 'AwardDistinction' };

export type CycleCommand =
  | ReportActivity
  | WithdrawActivity
  | DisallowActivity
  | PayFee
  | CompleteCycle
  | StartLateReporting
  | ExpireCertification
  | ReinstateCertification
  | GrantExtension
  | AwardDistinction;

/** What a cycle decision needs from other streams; the handler reads them. */
export interface CycleContext extends DecisionContext {
  /** The policy of the cycle, in the version in force. */
  policy: CyclePolicy;
  /** Certifications on the account (not pending, D1.2), with earned dates (certificant stream). */
  certifications: HeldCertification[];
  /** Membership on the business date of the command (D4.2 fees). */
  member: boolean;
  examPassed?: { certification: Certification; on: BusinessDate }[];
  audit?: CycleFacts['audit'];
  /** D1.3: the same cycle's states of accounts merged into this one. */
  merged?: CycleState[];
}

/** This stream joined with merged accounts' streams, as `CycleFacts`. */
export function cycleFactsOf(state: CycleState, command: { cycle: CycleName }, context: CycleContext): CycleFacts {
  const joined = joinCycleStates([state, ...(context.merged ?? [])]);
  return toCycleFacts(joined, context.certifications, context.member, {
    cycle: command.cycle,
    examPassed: (context.examPassed ?? []).filter((exam) => exam.on >= context.policy.startsOn),
    audit: context.audit ?? null,
  });
}

/** The status as `cycleStatus` decides it, on a date. */
export function statusOf(state: CycleState, command: { cycle: CycleName }, context: CycleContext, asOf: BusinessDate): CycleStatus {
  return cycleStatus(cycleFactsOf(state, command, context), context.policy, asOf);
}

/**
 * `statusOf`'s late deadline and `countsFrom`s alone (`reportingTerms`): the same certifications
 * and the same joined extension as `cycleFactsOf`, without copying every activity into facts.
 */
export function reportingTermsOf(state: CycleState, context: CycleContext, asOf: BusinessDate): ReportingTerms {
  const { extension } = joinCycleStates([state, ...(context.merged ?? [])]);
  return reportingTerms(
    { certifications: context.certifications, extension: extension ? { until: extension.until, grantedOn: extension.grantedOn } : null },
    context.policy,
    asOf,
  );
}

export const COMPLETE_STATUSES = ['Complete', 'CompleteLate', 'NotRequired', 'Reinstated'] as const;

/**
 * Whether a cycle command decides without the cycle's audit (D5), so that its handler need not
 * read the audit fact (it lives on an audit stream, found through the cycle-status read model).
 * Reporting an activity: its terms are `reportingTermsOf`'s, which no audit changes; held to it by
 * a property test (report-activity.spec.ts).
 */
export function decidesWithoutAudit(command: CycleCommand): boolean {
  return command.type === 'ReportActivity';
}

export function requireCycleOfPolicy(command: { cycle: CycleName }, context: CycleContext): void {
  if (command.cycle !== context.policy.cycle) {
    refuse('CYCLE_POLICY_MISMATCH', `The ${context.policy.cycle} policy was given for the ${command.cycle} cycle.`);
  }
}
