import { staffContext } from '../testing/fixtures';
import { deciderSpec } from '../testing/given-when-then';
import { importDecider } from './decider';
import type { ImportRowAccepted, ImportRowRejected, ImportStarted } from './events';

export const expectImport = deciderSpec(importDecider, staffContext);

export const started = (totalRows = 2): ImportStarted => ({
  type: 'ImportStarted',
  data: { importId: 'i-1', kind: 'event-attendance', totalRows, fileName: 'conference.csv', startedOn: '2025-03-01', startedBy: 'staff-1' },
});
export const accepted = (row = 1, activityId = 'a-1'): ImportRowAccepted => ({
  type: 'ImportRowAccepted',
  data: { importId: 'i-1', row, certificantId: 'c-1', cycle: '2024-2026', activityId },
});
export const rejected = (row = 2): ImportRowRejected => ({
  type: 'ImportRowRejected',
  data: { importId: 'i-1', row, code: 'CERTIFICANT_UNKNOWN', message: 'No certificant has the member id 999.' },
});
