import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { Blocker } from '../shared/types';
import { requireOpenAudit, type AuditContext, type CloseAudit } from './commands';
import type { AuditClosed } from './events';
import { cprAedReceived, type AuditState } from './state';

const STILL_COMPLETE = ['NotRequired', 'Complete', 'CompleteLate', 'Reinstated'];

/**
 * D5.4: failed when not answered within its window (nothing received by `respondBy`), or when
 * the rejections leave a certification short (read from the cycle status given in context).
 * Before the window ends every requested activity needs its verdict; after it, what has no
 * document is unsupported and counts against the person.
 */
export function closeAudit(command: CloseAudit, state: AuditState, context: AuditContext): AuditClosed[] {
  if (state.status === 'passed' || state.status === 'failed') return [];
  requireOpenAudit(state, command.auditId);
  const closedOn = command.decidedOn ?? context.today;
  const windowOver = closedOn > state.respondBy!;
  const reasons: Blocker[] = [];

  const answered = state.documents.length > 0;
  if (!answered && windowOver) {
    reasons.push({ code: 'AUDIT_UNANSWERED', message: `No documentation arrived by ${state.respondBy}.` });
  }
  const undecided = state.requested.filter((id) => !state.verdicts[id]);
  if (reasons.length === 0) {
    if (undecided.length > 0 && !windowOver) {
      refuse('AUDIT_VERDICTS_OUTSTANDING', `Activities ${undecided.join(', ')} have no verdict yet.`, { undecided });
    }
    if (undecided.length > 0) {
      reasons.push({ code: 'AUDIT_ACTIVITIES_UNSUPPORTED', message: `No verdict could be given for ${undecided.join(', ')} by ${state.respondBy}.` });
    }
    if (state.cprAedRequested && !cprAedReceived(state)) {
      if (!windowOver) refuse('AUDIT_CPR_AED_MISSING', 'The current CPR/AED card has not arrived yet.');
      reasons.push({ code: 'AUDIT_CPR_AED_MISSING', message: `No current CPR/AED card arrived by ${state.respondBy}.` });
    }
    const status = context.cycleStatus;
    if (!status) refuse('AUDIT_CYCLE_STATUS_MISSING', 'Closing an audit needs the cycle status after its verdicts.');
    for (const certification of status.certifications) {
      if (!STILL_COMPLETE.includes(certification.status)) {
        reasons.push({
          code: 'AUDIT_CEUS_SHORT',
          message: `${certification.certification} is no longer complete after the rejected activities (${certification.status}).`,
        });
      }
    }
  }
  return [
    {
      type: 'AuditClosed',
      data: {
        auditId: command.auditId,
        certificantId: state.certificantId!,
        cycle: state.cycle!,
        outcome: reasons.length === 0 ? 'passed' : 'failed',
        reasons,
        closedOn,
        closedBy: actorId(context.actor),
      },
    },
  ];
}
