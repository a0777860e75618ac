import { addDays } from '../shared/dates';
import { refuse } from '../shared/errors';
import type { AuditContext, SelectForAudit } from './commands';
import type { AuditSelected } from './events';
import type { AuditState } from './state';

/** D5.2: selected from a draw, or right after the fee is paid where the policy says so. */
export function selectForAudit(command: SelectForAudit, state: AuditState, context: AuditContext): AuditSelected[] {
  if (state.status !== 'none') {
    if (state.certificantId === command.certificantId && state.cycle === command.cycle) return [];
    refuse('AUDIT_ID_TAKEN', `Audit ${command.auditId} is already about another certificant or cycle.`, { auditId: command.auditId });
  }
  const { policy, today } = context;
  if (command.reason === 'draw' && !command.drawId) refuse('AUDIT_DRAW_MISSING', 'A selection from a draw names the draw.');
  if (command.reason === 'fee-paid' && policy.audit.draw !== 'on-fee-paid') {
    refuse('AUDIT_SELECTION_NOT_ON_FEE_PAID', `The ${policy.cycle} policy selects for audit by a draw after the deadline, not when the fee is paid.`);
  }
  // D5.2: those selected are notified no later than the policy's date (March after the deadline, 2018-2020).
  if (policy.audit.notifyBy !== null && today > policy.audit.notifyBy) {
    refuse('AUDIT_NOTICE_TOO_LATE', `Selection for the ${policy.cycle} audit had to be notified by ${policy.audit.notifyBy}.`, {
      notifyBy: policy.audit.notifyBy,
    });
  }
  return [
    {
      type: 'AuditSelected',
      data: {
        auditId: command.auditId,
        certificantId: command.certificantId,
        cycle: command.cycle,
        reason: command.reason,
        drawId: command.drawId ?? null,
        selectedOn: today,
        respondBy: addDays(today, policy.audit.responseDays),
      },
    },
  ];
}
