import { refuse } from '../shared/errors';
import { requireCycleOfPolicy, statusOf, type CompleteCycle, type CycleContext } from './commands';
import type { CycleCompleted } from './events';
import type { CycleState } from './state';

/**
 * D4.1: records the milestone for each certification `cycleStatus` says is complete (or complete
 * late, D2.3). Without a named certification it is a sweep: nothing to record is not a refusal.
 */
export function completeCycle(command: CompleteCycle, state: CycleState, context: CycleContext): CycleCompleted[] {
  requireCycleOfPolicy(command, context);
  const status = statusOf(state, command, context, context.today);
  const candidates = status.certifications.filter(
    (c) => (command.certification === undefined || c.certification === command.certification) && c.required,
  );
  if (command.certification !== undefined) {
    const named = candidates[0];
    if (!named) {
      const held = status.certifications.some((c) => c.certification === command.certification);
      refuse(held ? 'CERTIFICATION_NOT_REQUIRED' : 'CERTIFICATION_NOT_HELD', held
        ? `${command.certification} needs nothing in ${command.cycle}; it is carried into the next cycle.`
        : `${command.certification} is not held on this account.`);
    }
    if (state.completed.some((c) => c.certification === named.certification)) return [];
    if (named.status !== 'Complete' && named.status !== 'CompleteLate') {
      refuse('CYCLE_NOT_COMPLETE', `${named.certification} is not complete: ${named.blockers.map((b) => b.message).join(' ')}`, {
        status: named.status,
        blockers: named.blockers,
      });
    }
  }
  return candidates
    .filter((c) => (c.status === 'Complete' || c.status === 'CompleteLate') && !state.completed.some((done) => done.certification === c.certification))
    .map((c) => ({
      type: 'CycleCompleted' as const,
      data: { certification: c.certification, completedOn: c.completedOn ?? context.today, late: c.status === 'CompleteLate' },
    }));
}
