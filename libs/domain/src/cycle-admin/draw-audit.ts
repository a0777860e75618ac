import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import { drawPopulation, drawSample, drawSize } from './audit-draw';
import type { CycleAdminContext, DrawAudit } from './commands';
import type { AuditDrawMade } from './events';
import type { CycleAdminState } from './state';

/** The audit id of a selected certificant: derived, so a retried draw names the same audits. */
export const drawnAuditId = (drawId: string, certificantId: string) => `${drawId}-${certificantId}`;

/** D5.1: after the deadline, a reproducible random sample of those who completed. */
export function drawAudit(command: DrawAudit, state: CycleAdminState, context: CycleAdminContext): AuditDrawMade[] {
  if (state.draws[command.drawId]) return [];
  if (!command.seed.trim()) refuse('AUDIT_DRAW_SEED_REQUIRED', 'A draw needs a seed, so that it can be shown again.');
  const today = context.today;
  if (context.policy.audit.draw === 'after-deadline' && today <= context.policy.endsOn) {
    refuse('AUDIT_DRAW_BEFORE_DEADLINE', `The ${command.cycle} audit sample is drawn after the deadline (${context.policy.endsOn}).`, {
      deadline: context.policy.endsOn,
    });
  }
  if (command.rate !== undefined && command.count !== undefined) {
    refuse('AUDIT_DRAW_SIZE_INVALID', 'Give either a rate or a count for the draw, not both.');
  }
  const rate = command.count === undefined ? (command.rate ?? context.policy.audit.defaultRate) : null;
  if (rate !== null && !(rate > 0 && rate <= 1)) {
    refuse('AUDIT_DRAW_SIZE_INVALID', `A draw rate is a share above 0 and at most 1 (got ${rate}).`, { rate });
  }
  if (command.count !== undefined && !(Number.isInteger(command.count) && command.count >= 0)) {
    refuse('AUDIT_DRAW_SIZE_INVALID', `A draw count is a whole number of people (got ${command.count}).`, { count: command.count });
  }
  const population = drawPopulation(command.population);
  const count = rate === null ? Math.min(command.count!, population.length) : drawSize(population.length, rate);
  const selected = drawSample(command.seed, population, count).map((certificantId) => ({
    certificantId,
    auditId: drawnAuditId(command.drawId, certificantId),
  }));
  return [
    {
      type: 'AuditDrawMade',
      data: {
        drawId: command.drawId,
        cycle: command.cycle,
        seed: command.seed,
        population,
        rate,
        count,
        selected,
        algorithm: 'fnv1a-mulberry32-fisher-yates/1',
        drawnOn: today,
        drawnBy: actorId(context.actor),
      },
    },
  ];
}
