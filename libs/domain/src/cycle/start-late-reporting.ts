import { refuse } from '../shared/errors';
import { COMPLETE_STATUSES, requireCycleOfPolicy, statusOf, type CycleContext, type StartLateReporting } from './commands';
import type { LateReportingStarted } from './events';
import type { CycleState } from './state';

/** D2.3: at the cycle's close, what is not complete moves to late reporting. Idempotent. */
export function startLateReporting(command: StartLateReporting, state: CycleState, context: CycleContext): LateReportingStarted[] {
  requireCycleOfPolicy(command, context);
  if (state.lateReportingStartedOn !== null) return [];
  const asOf = command.asOf ?? context.today;
  if (asOf <= context.policy.endsOn) {
    refuse('CYCLE_NOT_OVER', `The ${command.cycle} cycle runs until the end of ${context.policy.endsOn}.`, { deadline: context.policy.endsOn });
  }
  // Judged on the deadline: what completed by then is not late (D2.3).
  const status = statusOf(state, command, context, context.policy.endsOn);
  const late = status.certifications
    .filter((c) => !(COMPLETE_STATUSES as readonly string[]).includes(c.status))
    .map((c) => c.certification);
  if (late.length === 0) return [];
  return [{ type: 'LateReportingStarted', data: { cycle: command.cycle, startedOn: asOf, certifications: late } }];
}
