import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { CycleContext, DisallowActivity } from './commands';
import type { ActivityDisallowed } from './events';
import { findActivity, type CycleState } from './state';

/**
 * D5.4: a rejected activity stops counting. Sent by staff, or by the audit handler after a
 * rejected verdict (with the audit id and the auditor as actor). `disallowedBy` is kept so an
 * appeal can name who made the decision (D6.4).
 */
export function disallowActivity(command: DisallowActivity, state: CycleState, context: CycleContext): ActivityDisallowed[] {
  const activity = findActivity(state, command.activityId);
  if (!activity) refuse('ACTIVITY_NOT_FOUND', `There is no activity ${command.activityId} in ${command.cycle}.`, { activityId: command.activityId });
  if (activity.disallowed || activity.withdrawn) return [];
  if (!command.reason.trim()) refuse('ACTIVITY_DISALLOW_REASON_REQUIRED', 'Say why the activity does not count.');
  return [
    {
      type: 'ActivityDisallowed',
      data: {
        activityId: command.activityId,
        reason: command.reason.trim(),
        disallowedOn: context.today,
        disallowedBy: actorId(context.actor),
        ...(command.auditId !== undefined ? { auditId: command.auditId } : {}),
      },
    },
  ];
}
