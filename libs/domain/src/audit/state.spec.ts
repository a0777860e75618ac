import { fold } from '../shared/decider';
import { auditDecider } from './decider';
import type { AuditClosed } from './events';
import { requested, selected, verdict } from './fixtures';

const failed: AuditClosed = {
  type: 'AuditClosed',
  data: {
    auditId: 'au-1',
    certificantId: 'c-1',
    cycle: '2018-2020',
    outcome: 'failed',
    reasons: [{ code: 'AUDIT_CEUS_SHORT', message: 'CSCS is no longer complete after the rejected activities (InProgress).' }],
    closedOn: '2021-03-10',
    closedBy: 'auditor-1',
  },
};

describe('audit state', () => {
  // Console gap 2: GET /audits/:auditId answers from this state, so a reload must still show why.
  it('D5.3 keeps the reason and date of each verdict', () => {
    const state = fold(auditDecider, [selected, requested, verdict('a-1'), verdict('a-2', 'rejected')]);
    expect(state.verdicts).toEqual({
      'a-1': { verdict: 'accepted', reason: null, decidedOn: '2021-03-05', auditorId: 'auditor-1' },
      'a-2': { verdict: 'rejected', reason: 'clinical topic, out of scope', decidedOn: '2021-03-05', auditorId: 'auditor-1' },
    });
  });

  it('D5.4 keeps the reasons the audit closed as it did, with the closing date', () => {
    const state = fold(auditDecider, [selected, requested, verdict('a-1'), verdict('a-2', 'rejected'), failed]);
    expect(state).toMatchObject({ status: 'failed', closedOn: '2021-03-10', closedBy: 'auditor-1', closeReasons: failed.data.reasons });
  });

  it('has no close reasons while open', () => {
    expect(fold(auditDecider, [selected, requested])).toMatchObject({ status: 'open', closedOn: null, closeReasons: [] });
  });
});
