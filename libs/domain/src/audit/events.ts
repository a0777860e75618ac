import type { BusinessDate, CycleName } from '../shared/types';

/** Stream `audit-<auditId>` (D5). */
export const auditStream = (auditId: string) => `audit-${auditId}`;

/** D5.2: notice is given on selection; the answer is due `responseDays` later. */
export type AuditSelected = {
  type: 'AuditSelected';
  data: {
    auditId: string;
    certificantId: string;
    cycle: CycleName;
    reason: 'draw' | 'fee-paid';
    drawId: string | null;
    selectedOn: BusinessDate;
    respondBy: BusinessDate;
  };
};

/** D5.3: per activity; activities the body records itself need none (D5.4). `cprAed`: the card is asked for. */
export type AuditDocumentsRequested = {
  type: 'AuditDocumentsRequested';
  data: { auditId: string; activityIds: string[]; notNeeded: string[]; cprAed: boolean; requestedOn: BusinessDate };
};

export type AuditDocumentReceived = {
  type: 'AuditDocumentReceived';
  data: { auditId: string; activityId: string | null; kind: string; reference: string; receivedOn: BusinessDate };
};

export type AuditVerdictRecorded = {
  type: 'AuditVerdictRecorded';
  data: { auditId: string; activityId: string; verdict: 'accepted' | 'rejected'; reason: string | null; decidedOn: BusinessDate; auditorId: string };
};

/** D5.4: failed = not recertified; the handler then expires the certifications on the cycle stream. */
export type AuditClosed = {
  type: 'AuditClosed';
  data: {
    auditId: string;
    certificantId: string;
    cycle: CycleName;
    outcome: 'passed' | 'failed';
    reasons: { code: string; message: string }[];
    closedOn: BusinessDate;
    closedBy: string;
  };
};

export type AuditEvent = AuditSelected | AuditDocumentsRequested | AuditDocumentReceived | AuditVerdictRecorded | AuditClosed;

export const AUDIT_EVENT_VERSIONS: Record<AuditEvent['type'], number> = {
  AuditSelected: 1,
  AuditDocumentsRequested: 1,
  AuditDocumentReceived: 1,
  AuditVerdictRecorded: 1,
  AuditClosed: 1,
};
