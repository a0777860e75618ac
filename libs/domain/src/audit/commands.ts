import type { CyclePolicy } from '../policy/policy';
import type { DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { BusinessDate, CycleName } from '../shared/types';
import type { ActivityFact } from '../status/cycle-facts';
import type { CycleStatus } from '../status/cycle-status';
import type { AuditState } from './state';

export type SelectForAudit = {
  type: 'SelectForAudit';
  auditId: string;
  certificantId: string;
  cycle: CycleName;
  reason: 'draw' | 'fee-paid';
  drawId?: string;
};
/** No activity ids: every activity of the cycle still counting. */
export type RequestAuditDocuments = { type: 'RequestAuditDocuments'; auditId: string; activityIds?: string[]; cprAed?: boolean };
export type ReceiveAuditDocument = {
  type: 'ReceiveAuditDocument';
  auditId: string;
  activityId?: string;
  kind: string;
  reference: string;
  receivedOn?: BusinessDate;
};
export type RecordAuditVerdict = {
  type: 'RecordAuditVerdict';
  auditId: string;
  activityId: string;
  verdict: 'accepted' | 'rejected';
  reason?: string;
  decidedOn?: BusinessDate;
};
export type CloseAudit = { type: 'CloseAudit'; auditId: string; decidedOn?: BusinessDate };

export type AuditCommand = SelectForAudit | RequestAuditDocuments | ReceiveAuditDocument | RecordAuditVerdict | CloseAudit;

export interface AuditContext extends DecisionContext {
  policy: CyclePolicy;
  /** The audited cycle's activities (from its stream), for requests and verdicts. */
  activities?: ActivityFact[];
  /** CloseAudit: the cycle status with this audit's rejections applied. */
  cycleStatus?: CycleStatus;
}

export function requireOpenAudit(state: AuditState, auditId: string): void {
  if (state.status === 'none') refuse('AUDIT_NOT_FOUND', `There is no audit ${auditId}.`, { auditId });
  if (state.status !== 'open') {
    refuse('AUDIT_CLOSED', `Audit ${auditId} is closed (${state.status}); nothing more can be recorded on it.`, { status: state.status });
  }
}
