import type { Decider } from '../shared/decider';
import { closeAudit } from './close-audit';
import type { AuditCommand, AuditContext } from './commands';
import type { AuditEvent } from './events';
import { receiveAuditDocument } from './receive-audit-document';
import { recordAuditVerdict } from './record-audit-verdict';
import { requestAuditDocuments } from './request-audit-documents';
import { selectForAudit } from './select-for-audit';
import { evolveAudit, initialAuditState, type AuditState } from './state';

export const auditDecider: Decider<AuditCommand, AuditEvent, AuditState, AuditContext> = {
  initialState: initialAuditState,
  evolve: evolveAudit,
  decide(command, state, context): AuditEvent[] {
    switch (command.type) {
      case 'SelectForAudit':
        return selectForAudit(command, state, context);
      case 'RequestAuditDocuments':
        return requestAuditDocuments(command, state, context);
      case 'ReceiveAuditDocument':
        return receiveAuditDocument(command, state, context);
      case 'RecordAuditVerdict':
        return recordAuditVerdict(command, state, context);
      case 'CloseAudit':
        return closeAudit(command, state, context);
    }
  },
};
