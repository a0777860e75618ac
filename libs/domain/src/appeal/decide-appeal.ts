import { actorId } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { AppealContext, DecideAppeal } from './commands';
import type { AppealDecided } from './events';
import type { AppealState } from './state';

/** D6.3, D6.4 */
export function decideAppeal(command: DecideAppeal, state: AppealState, context: AppealContext): AppealDecided[] {
  if (state.status === 'none') refuse('APPEAL_NOT_FOUND', `There is no appeal ${command.appealId}.`);
  const decidedBy = actorId(context.actor);
  if (state.decision) {
    const same = state.decision.decision === command.decision && JSON.stringify(state.decision.remedy) === JSON.stringify(command.remedy ?? null);
    if (same) return [];
    refuse('APPEAL_ALREADY_DECIDED', `Appeal ${command.appealId} was already ${state.decision.decision} on ${state.decision.decidedOn}.`);
  }
  // D6.4: impartial review (ISO/IEC 17024): not the maker of the decision appealed against.
  if (state.appealedDecision && state.appealedDecision.decidedBy === decidedBy) {
    refuse(
      'APPEAL_DECIDER_NOT_IMPARTIAL',
      'You made the decision this appeal is against; another member of the Certification Committee must decide it.',
      { decidedBy },
    );
  }
  const rationale = command.rationale.trim();
  if (!rationale) refuse('APPEAL_RATIONALE_REQUIRED', 'The decision on an appeal is recorded with its rationale.');
  const decidedOn = command.decidedOn ?? context.today;
  const remedy = command.remedy ?? null;
  if (command.decision === 'granted' && !remedy) {
    refuse('APPEAL_REMEDY_REQUIRED', 'A granted appeal gives an extension to a date or a reinstatement.');
  }
  if (command.decision === 'denied' && remedy) refuse('APPEAL_REMEDY_NOT_ALLOWED', 'A denied appeal gives no remedy.');
  if (remedy?.kind === 'extension' && remedy.until <= decidedOn) {
    refuse('APPEAL_EXTENSION_DATE_INVALID', `An extension runs to a date after the decision (${decidedOn}), not ${remedy.until}.`);
  }
  if (remedy?.kind === 'reinstatement' && state.certification === null) {
    refuse('APPEAL_CERTIFICATION_REQUIRED', 'A reinstatement names the certification it reinstates; the appeal does not.');
  }
  return [
    {
      type: 'AppealDecided',
      data: {
        appealId: command.appealId,
        certificantId: state.certificantId!,
        cycle: state.cycle!,
        certification: state.certification,
        decision: command.decision,
        remedy,
        rationale,
        decidedOn,
        decidedBy,
      },
    },
  ];
}
