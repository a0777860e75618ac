import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import { requireOpenAudit, type AuditContext, type RecordAuditVerdict } from './commands';
import type { AuditVerdictRecorded } from './events';
import type { AuditState } from './state';

/**
 * D5.3, D5.4. A rejection stops the activity counting: the handler appends ActivityDisallowed
 * (with this audit id and auditor) to the cycle stream; this decider records the verdict only.
 */
export function recordAuditVerdict(command: RecordAuditVerdict, state: AuditState, context: AuditContext): AuditVerdictRecorded[] {
  requireOpenAudit(state, command.auditId);
  const known = state.requested.includes(command.activityId) || (context.activities ?? []).some((a) => a.activityId === command.activityId);
  if (!known) refuse('AUDIT_ACTIVITY_UNKNOWN', `Activity ${command.activityId} is not under this audit.`, { activityId: command.activityId });
  const previous = state.verdicts[command.activityId];
  if (previous) {
    if (previous.verdict === command.verdict) return [];
    refuse('AUDIT_VERDICT_ALREADY_RECORDED', `Activity ${command.activityId} was already ${previous.verdict}; a verdict is not changed.`, {
      verdict: previous.verdict,
    });
  }
  const reason = command.reason?.trim() || null;
  if (command.verdict === 'rejected' && !reason) {
    refuse('AUDIT_REJECTION_REASON_REQUIRED', 'Say why the activity is rejected (out of scope, unsupported, ...).');
  }
  return [
    {
      type: 'AuditVerdictRecorded',
      data: {
        auditId: command.auditId,
        activityId: command.activityId,
        verdict: command.verdict,
        reason,
        decidedOn: command.decidedOn ?? context.today,
        auditorId: actorId(context.actor),
      },
    },
  ];
}
