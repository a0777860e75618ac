import { policyFor } from '../policy/policy';
import { expectAudit, selected } from './fixtures';

const select = { type: 'SelectForAudit' as const, auditId: 'au-1', certificantId: 'c-1', cycle: '2018-2020', reason: 'draw' as const, drawId: 'd-1' };

describe('SelectForAudit', () => {
  it('D5.2 the selected have 45 days from notice to answer', () => {
    expectAudit.given([]).when(select).then([selected]);
  });

  it('D5.2 refuses a notice after the policy date (March after the deadline in 2018-2020)', () => {
    expectAudit.given([]).when(select, { today: '2021-04-01' }).thenThrows('AUDIT_NOTICE_TOO_LATE');
  });

  it('D5.2 selection on fee paid only where the policy selects then', () => {
    expectAudit.given([]).when({ ...select, reason: 'fee-paid', drawId: undefined }).thenThrows('AUDIT_SELECTION_NOT_ON_FEE_PAID');
    const events = expectAudit
      .given([])
      .when({ ...select, cycle: '2024-2026', reason: 'fee-paid', drawId: undefined }, { today: '2025-06-01', policy: policyFor('2024-2026') })
      .events();
    expect(events).toEqual([
      { type: 'AuditSelected', data: { ...selected.data, cycle: '2024-2026', reason: 'fee-paid', drawId: null, selectedOn: '2025-06-01', respondBy: '2025-07-16' } },
    ]);
  });

  it('changes nothing when repeated (idempotent)', () => {
    expectAudit.given([selected]).when(select).thenNothing();
  });
});
