import type { BusinessDate, CycleName } from '../shared/types';
import type { AuditDocumentReceived, AuditEvent } from './events';

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
  verdicts: Record<string, { verdict: 'accepted' | 'rejected'; auditorId: string }>;
  closedBy: string | null;
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
  closedBy: null,
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
    case 'AuditVerdictRecorded':
      return {
        ...state,
        verdicts: { ...state.verdicts, [event.data.activityId]: { verdict: event.data.verdict, auditorId: event.data.auditorId } },
      };
    case 'AuditClosed':
      return { ...state, status: event.data.outcome, closedBy: event.data.closedBy };
  }
}

export const CPR_AED_DOCUMENT = 'cpr-aed';

export function cprAedReceived(state: AuditState): boolean {
  return state.documents.some((document) => document.kind === CPR_AED_DOCUMENT);
}
