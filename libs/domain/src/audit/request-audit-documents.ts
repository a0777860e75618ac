import { refuse } from '../shared/errors';
import { requireOpenAudit, type AuditContext, type RequestAuditDocuments } from './commands';
import type { AuditDocumentsRequested } from './events';
import type { AuditState } from './state';

/**
 * D5.3: documents are requested per activity, and the CPR/AED card (D5.2). D5.4: activities the
 * body records itself (its events, quizzes, publications, volunteering) need none.
 */
export function requestAuditDocuments(command: RequestAuditDocuments, state: AuditState, context: AuditContext): AuditDocumentsRequested[] {
  requireOpenAudit(state, command.auditId);
  const activities = (context.activities ?? []).filter((activity) => !activity.withdrawnOn && !activity.disallowed);
  const ids = command.activityIds ?? activities.map((activity) => activity.activityId);
  const unknown = ids.filter((id) => !activities.some((activity) => activity.activityId === id));
  if (unknown.length > 0) {
    refuse('AUDIT_ACTIVITY_UNKNOWN', `Activities ${unknown.join(', ')} are not counting in this cycle.`, { unknown });
  }
  const fresh = ids.filter((id) => !state.requested.includes(id) && !state.noDocumentsNeeded.includes(id));
  const bodyRecorded = (id: string) => activities.find((activity) => activity.activityId === id)!.bodyRecorded;
  const activityIds = fresh.filter((id) => !bodyRecorded(id));
  const notNeeded = fresh.filter(bodyRecorded);
  const cprAed = (command.cprAed ?? true) && !state.cprAedRequested;
  if (activityIds.length === 0 && notNeeded.length === 0 && !cprAed) return [];
  return [{ type: 'AuditDocumentsRequested', data: { auditId: command.auditId, activityIds, notNeeded, cprAed, requestedOn: context.today } }];
}
