import { refuse } from '../shared/errors';
import { requireOpenAudit, type AuditContext, type ReceiveAuditDocument } from './commands';
import type { AuditDocumentReceived } from './events';
import type { AuditState } from './state';

export function receiveAuditDocument(command: ReceiveAuditDocument, state: AuditState, context: AuditContext): AuditDocumentReceived[] {
  requireOpenAudit(state, command.auditId);
  const activityId = command.activityId ?? null;
  if (activityId !== null && !state.requested.includes(activityId)) {
    refuse('AUDIT_DOCUMENT_NOT_REQUESTED', `No document was requested for activity ${activityId}.`, { activityId });
  }
  if (!command.kind.trim() || !command.reference.trim()) {
    refuse('AUDIT_DOCUMENT_INCOMPLETE', 'Say what kind of document arrived and where it is filed.');
  }
  const already = state.documents.some(
    (document) => document.activityId === activityId && document.kind === command.kind && document.reference === command.reference,
  );
  if (already) return [];
  return [
    {
      type: 'AuditDocumentReceived',
      data: { auditId: command.auditId, activityId, kind: command.kind, reference: command.reference, receivedOn: command.receivedOn ?? context.today },
    },
  ];
}
