import { DOMAIN_EVENT_TYPES, EVENT_SCHEMA_VERSIONS, appealStream, auditStream, certificantStream, cycleAdminStream, cycleStream, importStream, staffStream } from './events';

const REQUIRED = [
  'CertificantRegistered', 'CertificationEarned', 'CertificationDocumentsReceived', 'CprAedRecorded', 'AccountsMerged', 'ExamPassed',
  'ActivityReported', 'ActivityWithdrawn', 'ActivityDisallowed', 'FeePaid', 'CycleCompleted', 'LateReportingStarted',
  'CertificationExpired', 'CertificationReinstated', 'ExtensionGranted', 'DistinctionAwarded',
  'AuditDrawMade', 'AuditSelected', 'AuditDocumentsRequested', 'AuditDocumentReceived', 'AuditVerdictRecorded', 'AuditClosed',
  'AppealFiled', 'AppealDocumentReceived', 'AppealDecided', 'CertificateIssued',
  'ImportStarted', 'ImportRowAccepted', 'ImportRowRejected', 'ImportRowMarkedDuplicate', 'ImportCompleted', 'ImportReverted',
  'StaffAccountCreated', 'StaffRolesChanged', 'CycleOpened', 'CycleClosed', 'GracePeriodEnded',
];

describe('stored events', () => {
  it('every event type has a past-tense stored name and a schema version', () => {
    expect(DOMAIN_EVENT_TYPES).toEqual(expect.arrayContaining(REQUIRED));
    for (const type of DOMAIN_EVENT_TYPES) {
      expect(type).toMatch(/^[A-Z][A-Za-z]+(ed|Made|Paid|Withdrawn)(Duplicate)?$/);
      expect(EVENT_SCHEMA_VERSIONS[type]).toBeGreaterThanOrEqual(1);
    }
  });

  it('the streams of architecture.md are named type-id', () => {
    expect(certificantStream('c-1')).toBe('certificant-c-1');
    expect(cycleStream('c-1', '2024-2026')).toBe('cycle-c-1-2024-2026');
    expect(auditStream('au-1')).toBe('audit-au-1');
    expect(appealStream('ap-1')).toBe('appeal-ap-1');
    expect(importStream('i-1')).toBe('import-i-1');
    expect(cycleAdminStream('2024-2026')).toBe('cycle-admin-2024-2026');
    expect(staffStream('s-1')).toBe('staff-s-1');
  });
});
