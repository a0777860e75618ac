import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { CycleContext, WithdrawActivity } from './commands';
import type { ActivityWithdrawn } from './events';
import { findActivity, type CycleState } from './state';

/** Withdrawn activities stay in the history and stop counting. An import's revert withdraws with its id. */
export function withdrawActivity(command: WithdrawActivity, state: CycleState, context: CycleContext): ActivityWithdrawn[] {
  const activity = findActivity(state, command.activityId);
  if (!activity) refuse('ACTIVITY_NOT_FOUND', `There is no activity ${command.activityId} in ${command.cycle}.`, { activityId: command.activityId });
  if (activity.withdrawn) return [];
  if (!command.reason.trim()) refuse('ACTIVITY_WITHDRAW_REASON_REQUIRED', 'Say why the activity is withdrawn.');
  // D5.4: an activity under an open audit is decided by the auditor, not withdrawn around it.
  if (context.audit?.status === 'open' && !command.importId) {
    refuse('ACTIVITY_UNDER_AUDIT', `Activity ${command.activityId} is under audit; the auditor gives it a verdict.`);
  }
  return [
    {
      type: 'ActivityWithdrawn',
      data: {
        activityId: command.activityId,
        reason: command.reason.trim(),
        withdrawnOn: context.today,
        withdrawnBy: actorId(context.actor),
        ...(command.importId !== undefined ? { importId: command.importId } : {}),
      },
    },
  ];
}
