import { policyFor } from '../policy/policy';
import type { ActivityFact } from '../status/cycle-facts';
import type { CertificationCycleStatus, CycleStatus } from '../status/cycle-status';
import type { CertificationStatus } from '../shared/types';
import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import type { AuditContext } from './commands';
import { auditDecider } from './decider';
import type { AuditDocumentReceived, AuditDocumentsRequested, AuditSelected, AuditVerdictRecorded } from './events';

export const activity = (activityId: string, bodyRecorded = false): ActivityFact => ({
  activityId,
  activityType: bodyRecorded ? 'nsca-quiz' : 'event-attendance',
  activityDate: '2019-05-01',
  title: 'Coaching clinic',
  category: bodyRecorded ? 'B' : 'A',
  tenths: 10,
  reportedBy: 'certificant',
  reportedOn: '2019-05-02',
  bodyRecorded,
});

export const auditorContext: AuditContext = {
  ...staffContext,
  today: '2021-02-15',
  actor: { id: 'auditor-1', role: 'auditor' },
  policy: policyFor('2018-2020'),
  activities: [activity('a-1'), activity('a-2'), activity('q-1', true)],
};
export const expectAudit = deciderSpec(auditDecider, auditorContext);

export const selected: AuditSelected = {
  type: 'AuditSelected',
  data: { auditId: 'au-1', certificantId: 'c-1', cycle: '2018-2020', reason: 'draw', drawId: 'd-1', selectedOn: '2021-02-15', respondBy: '2021-04-01' },
};
export const requested: AuditDocumentsRequested = {
  type: 'AuditDocumentsRequested',
  data: { auditId: 'au-1', activityIds: ['a-1', 'a-2'], notNeeded: ['q-1'], cprAed: true, requestedOn: '2021-02-15' },
};
export const received = (activityId: string | null, kind = 'certificate'): AuditDocumentReceived => ({
  type: 'AuditDocumentReceived',
  data: { auditId: 'au-1', activityId, kind, reference: `scan-${activityId ?? kind}`, receivedOn: '2021-03-01' },
});
export const verdict = (activityId: string, value: 'accepted' | 'rejected' = 'accepted'): AuditVerdictRecorded => ({
  type: 'AuditVerdictRecorded',
  data: {
    auditId: 'au-1',
    activityId,
    verdict: value,
    reason: value === 'rejected' ? 'clinical topic, out of scope' : null,
    decidedOn: '2021-03-05',
    auditorId: 'auditor-1',
  },
});

/** A cycle status as `cycleStatus` gives it, reduced to what closing an audit reads. */
export function statusWith(...statuses: CertificationStatus[]): CycleStatus {
  return {
    cycle: '2018-2020',
    asOf: '2021-03-10',
    deadline: '2020-12-31',
    lateDeadline: '2021-01-31',
    certifications: statuses.map((status, index) => ({ certification: index === 0 ? 'CSCS' : 'NSCA-CPT', status }) as CertificationCycleStatus),
    audit: null,
    distinction: { eligible: false, reasons: [], requiredTenths: 100, bodyActivityTenths: 0 },
  };
}
