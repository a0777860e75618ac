import fc from 'fast-check';
import { replay, runLive } from '../testing/given-when-then';
import type { AuditCommand } from './commands';
import { auditDecider } from './decider';
import type { AuditClosed } from './events';
import { auditorContext, expectAudit, received, requested, selected, statusWith, verdict } from './fixtures';

const close = { type: 'CloseAudit' as const, auditId: 'au-1', decidedOn: '2021-03-10' };
const answered = [selected, requested, received('a-1'), received('a-2'), received(null, 'cpr-aed'), verdict('a-1'), verdict('a-2')];
const closedWith = (outcome: 'passed' | 'failed', reasons: AuditClosed['data']['reasons'], closedOn = '2021-03-10'): AuditClosed => ({
  type: 'AuditClosed',
  data: { auditId: 'au-1', certificantId: 'c-1', cycle: '2018-2020', outcome, reasons, closedOn, closedBy: 'auditor-1' },
});

describe('CloseAudit', () => {
  it('D5.4 passes when every activity is decided and the certifications stay complete', () => {
    expectAudit.given(answered).when(close, { cycleStatus: statusWith('Complete') }).then([closedWith('passed', [])]);
  });

  it('D5.4 fails when rejections leave the CEUs short', () => {
    expectAudit
      .given([...answered.slice(0, 6), verdict('a-2', 'rejected')])
      .when(close, { cycleStatus: statusWith('Complete', 'InProgress') })
      .then([
        closedWith('failed', [
          { code: 'AUDIT_CEUS_SHORT', message: 'NSCA-CPT is no longer complete after the rejected activities (InProgress).' },
        ]),
      ]);
  });

  it('D5.4 fails when nothing was answered within 45 days of notice', () => {
    expectAudit
      .given([selected, requested])
      .when({ ...close, decidedOn: '2021-04-02' })
      .then([closedWith('failed', [{ code: 'AUDIT_UNANSWERED', message: 'No documentation arrived by 2021-04-01.' }], '2021-04-02')]);
  });

  it('D5.3 refuses to close inside the window while verdicts are outstanding', () => {
    expectAudit.given([selected, requested, received('a-1')]).when(close, { cycleStatus: statusWith('Complete') }).thenThrows('AUDIT_VERDICTS_OUTSTANDING');
  });

  it('D5.2 refuses to close inside the window without the CPR/AED card', () => {
    expectAudit
      .given([selected, requested, received('a-1'), received('a-2'), verdict('a-1'), verdict('a-2')])
      .when(close, { cycleStatus: statusWith('Complete') })
      .thenThrows('AUDIT_CPR_AED_MISSING');
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectAudit.given([...answered, closedWith('passed', [])]).when(close, { cycleStatus: statusWith('Complete') }).thenNothing();
  });

  it('refuses more records on a closed audit', () => {
    expectAudit
      .given([...answered, closedWith('passed', [])])
      .when({ type: 'ReceiveAuditDocument', auditId: 'au-1', kind: 'certificate', reference: 'late-scan' })
      .thenThrows('AUDIT_CLOSED');
  });
});

describe('audit replay', () => {
  const command: fc.Arbitrary<AuditCommand> = fc.oneof(
    fc.constant<AuditCommand>({ type: 'SelectForAudit', auditId: 'au-1', certificantId: 'c-1', cycle: '2018-2020', reason: 'draw', drawId: 'd-1' }),
    fc.constant<AuditCommand>({ type: 'RequestAuditDocuments', auditId: 'au-1' }),
    fc.constantFrom('a-1', 'a-2').map<AuditCommand>((activityId) => ({ type: 'ReceiveAuditDocument', auditId: 'au-1', activityId, kind: 'receipt', reference: 'r' })),
    fc.record({ id: fc.constantFrom('a-1', 'a-2'), ok: fc.boolean() }).map<AuditCommand>(({ id, ok }) => ({
      type: 'RecordAuditVerdict',
      auditId: 'au-1',
      activityId: id,
      verdict: ok ? 'accepted' : 'rejected',
      reason: 'r',
    })),
    fc.constantFrom('2021-03-10', '2021-05-01').map<AuditCommand>((decidedOn) => ({ type: 'CloseAudit', auditId: 'au-1', decidedOn })),
  );
  it('folding the recorded events again gives the live state', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const live = runLive(auditDecider, commands, { ...auditorContext, cycleStatus: statusWith('Complete') });
        expect(replay(auditDecider, live.events)).toEqual(live.state);
      }),
      { numRuns: 200 },
    );
  });
});
