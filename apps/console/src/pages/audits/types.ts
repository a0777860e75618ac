/** The audit shapes the API answers (api.md "Audits"; apps/api/src/audits). */

export type AuditStatus = 'open' | 'passed' | 'failed';
export const AUDIT_STATUSES: AuditStatus[] = ['open', 'passed', 'failed'];

export interface AuditQueueItem {
  auditId: string;
  certificantId: string;
  /** The certificant's name, joined by the API; `null` until their registration is projected. */
  name: string | null;
  cycle: string;
  reason: string;
  drawId: string | null;
  status: AuditStatus;
  selectedOn: string;
  respondBy: string;
  documentsRequested: number;
  documentsReceived: number;
  accepted: number;
  rejected: number;
  cprAedRequested: boolean;
  closedOn: string | null;
  closedBy: string | null;
}

export interface AuditDocument {
  auditId: string;
  activityId: string | null;
  kind: string;
  reference: string;
  receivedOn: string;
}

export interface AuditActivity {
  activityId: string;
  activityType: string;
  activityDate: string;
  title: string;
  category: string;
  ceus: number;
  documentsRequested: boolean;
  documents: AuditDocument[];
  verdict: 'accepted' | 'rejected' | null;
  /** The auditor's words for a rejection (D5.3). */
  verdictReason: string | null;
  disallowed: unknown;
}

export interface AuditCase {
  auditId: string;
  certificantId: string;
  cycle: string;
  status: AuditStatus;
  selectedOn: string;
  respondBy: string;
  cprAedRequested: boolean;
  activities: AuditActivity[];
  documents: AuditDocument[];
  verdicts: {
    activityId: string;
    verdict: 'accepted' | 'rejected';
    reason: string | null;
    decidedOn: string;
    auditorId: string;
  }[];
  closedOn: string | null;
  closedBy: string | null;
  /** D5.4: why it closed as it did; empty while open and when passed. */
  closeReasons: { code: string; message: string }[];
}

export interface DrawAnswer {
  drawId: string;
  selected: { auditId: string; certificantId: string }[];
  population: number;
  position: number | null;
}

export interface CloseAnswer {
  auditId: string;
  outcome: 'passed' | 'failed';
  reasons: { code: string; message: string }[];
  position: number | null;
}

/** The kind of document that stands for the CPR/AED card (D5.2). */
export const CPR_AED_KIND = 'cpr-aed';
