import { refuse } from '../shared/errors';
import { COMPLETE_STATUSES, requireCycleOfPolicy, statusOf, type CycleContext, type ExpireCertification } from './commands';
import type { CertificationExpired } from './events';
import type { CycleState } from './state';

/**
 * D2.4: the late window (or a granted extension, D6.3) is over and the certification is not
 * complete. D5.4: the audit failed; the person is not recertified. Idempotent: a certification
 * already expired for the same reason is not expired again.
 */
export function expireCertification(command: ExpireCertification, state: CycleState, context: CycleContext): CertificationExpired[] {
  requireCycleOfPolicy(command, context);
  const asOf = command.asOf ?? context.today;
  const status = statusOf(state, command, context, asOf);
  const named = status.certifications.filter((c) => command.certification === undefined || c.certification === command.certification);
  if (command.certification !== undefined && named.length === 0) {
    refuse('CERTIFICATION_NOT_HELD', `${command.certification} is not held on this account.`);
  }
  const alreadyExpired = (certification: string) =>
    state.expired.some((e) => e.certification === certification && e.reason === command.reason) &&
    !state.reinstated.some((r) => r.certification === certification);

  if (command.reason === 'audit-failed') {
    if (!command.auditId) refuse('EXPIRY_AUDIT_REQUIRED', 'An expiry after an audit names the audit.');
    return named
      .filter((c) => c.required && !alreadyExpired(c.certification))
      .map((c) => ({
        type: 'CertificationExpired' as const,
        data: { certification: c.certification, expiredOn: asOf, reason: 'audit-failed' as const, auditId: command.auditId! },
      }));
  }
  if (asOf <= status.lateDeadline) {
    refuse('LATE_WINDOW_NOT_OVER', `Late reporting for ${command.cycle} is open until the end of ${status.lateDeadline}.`, {
      lateDeadline: status.lateDeadline,
    });
  }
  // Judged on the last day of the window: what completed by then does not expire.
  const onLastDay = statusOf(state, command, context, status.lateDeadline);
  return onLastDay.certifications
    .filter((c) => named.some((n) => n.certification === c.certification))
    .filter((c) => !(COMPLETE_STATUSES as readonly string[]).includes(c.status) && !alreadyExpired(c.certification))
    .map((c) => ({ type: 'CertificationExpired' as const, data: { certification: c.certification, expiredOn: asOf, reason: 'late-window-over' as const } }));
}
