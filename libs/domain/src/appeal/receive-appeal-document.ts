import { refuse } from '../shared/errors';
import type { AppealContext, ReceiveAppealDocument } from './commands';
import type { AppealDocumentReceived } from './events';
import type { AppealState } from './state';

export function receiveAppealDocument(command: ReceiveAppealDocument, state: AppealState, context: AppealContext): AppealDocumentReceived[] {
  if (state.status === 'none') refuse('APPEAL_NOT_FOUND', `There is no appeal ${command.appealId}.`);
  if (state.documents.some((d) => d.kind === command.kind && d.reference === command.reference)) return [];
  if (state.status !== 'filed') refuse('APPEAL_ALREADY_DECIDED', `Appeal ${command.appealId} was already decided.`);
  if (!command.kind.trim() || !command.reference.trim()) {
    refuse('APPEAL_DOCUMENT_INCOMPLETE', 'Say what kind of document arrived and where it is filed.');
  }
  return [
    {
      type: 'AppealDocumentReceived',
      data: { appealId: command.appealId, kind: command.kind, reference: command.reference, receivedOn: command.receivedOn ?? context.today },
    },
  ];
}
