import type { BusinessDate, CycleName } from '../shared/types';
import type { AuditClosed, AuditDocumentReceived, AuditEvent } from './events';

export interface AuditState {
  status: 'none' | 'open' | 'passed' | 'failed';
  auditId: string | null;
  certificantId: string | null;
  cycle: CycleName | null;
  selectedOn: BusinessDate | null;
  respondBy: BusinessDate | null;
  requested: string[];
  /** D5.4: under audit, but recorded by the body itself: no documents asked. */
  noDocumentsNeeded: string[];
  cprAedRequested: boolean;
  documents: AuditDocumentReceived['data'][];
  /** Per activity; `reason` is the auditor's words for a rejection (D5.3), kept for the case. */
  verdicts: Record<string, { verdict: 'accepted' | 'rejected'; reason: string | null; decidedOn: BusinessDate; auditorId: string }>;
  closedOn: BusinessDate | null;
  closedBy: string | null;
  /** D5.4: why the audit closed as it did (empty when passed). */
  closeReasons: AuditClosed['data']['reasons'];
}

export const initialAuditState: AuditState = {
  status: 'none',
  auditId: null,
  certificantId: null,
  cycle: null,
  selectedOn: null,
  respondBy: null,
  requested: [],
  noDocumentsNeeded: [],
  cprAedRequested: false,
  documents: [],
  verdicts: {},
  closedOn: null,
  closedBy: null,
  closeReasons: [],
};

export function evolveAudit(state: AuditState, event: AuditEvent): AuditState {
  switch (event.type) {
    case 'AuditSelected': {
      const { auditId, certificantId, cycle, selectedOn, respondBy } = event.data;
      return { ...state, status: 'open', auditId, certificantId, cycle, selectedOn, respondBy };
    }
    case 'AuditDocumentsRequested':
      return {
        ...state,
        requested: [...state.requested, ...event.data.activityIds],
        noDocumentsNeeded: [...state.noDocumentsNeeded, ...event.data.notNeeded],
        cprAedRequested: state.cprAedRequested || event.data.cprAed,
      };
    case 'AuditDocumentReceived':
      return { ...state, documents: [...state.documents, event.data] };
    case 'AuditVerdictRecorded': {
      const { activityId, verdict, reason, decidedOn, auditorId } = event.data;
      return { ...state, verdicts: { ...state.verdicts, [activityId]: { verdict, reason, decidedOn, auditorId } } };
    }
    case 'AuditClosed':
      return { ...state, status: event.data.outcome, closedOn: event.data.closedOn, closedBy: event.data.closedBy, closeReasons: event.data.reasons };
  }
}

export const CPR_AED_DOCUMENT = 'cpr-aed';

export function cprAedReceived(state: AuditState): boolean {
  return state.documents.some((document) => document.kind === CPR_AED_DOCUMENT);
}
