import { parseCertification } from '../certificant/commands';
import { refuse } from '../shared/errors';
import type { AppealContext, FileAppeal } from './commands';
import { APPEAL_GROUNDS, type AppealFiled, type AppealGrounds } from './events';
import type { AppealState } from './state';

/**
 * D6.2: grounds for which an accommodation may be asked before the cycle ends. Not in the
 * policy data yet (2018-2020 adds Covid-19): accepted for every cycle until it is.
 */
const ACCOMMODATION_GROUNDS: AppealGrounds[] = ['disaster', 'military', 'covid'];

export function fileAppeal(command: FileAppeal, state: AppealState, context: AppealContext): AppealFiled[] {
  if (state.status !== 'none') {
    if (state.certificantId === command.certificantId && state.cycle === command.cycle) return [];
    refuse('APPEAL_ID_TAKEN', `Appeal ${command.appealId} is already about another certificant or cycle.`);
  }
  const { policy } = context;
  const filedOn = command.filedOn ?? context.today;
  const kind = command.kind ?? 'appeal';
  const grounds = command.grounds as AppealGrounds;
  if (!APPEAL_GROUNDS.includes(grounds)) {
    refuse('APPEAL_GROUNDS_UNKNOWN', `"${command.grounds}" is not a ground for appeal: ${APPEAL_GROUNDS.join(', ')}.`);
  }
  if (!command.statement.trim()) refuse('APPEAL_STATEMENT_REQUIRED', 'An appeal needs a statement of the hardship.');
  const certification = command.certification === undefined ? null : parseCertification(command.certification);

  if (kind === 'accommodation') {
    // D6.2: no extension in advance; an accommodation request must reach the team before the cycle ends.
    if (!ACCOMMODATION_GROUNDS.includes(grounds)) {
      refuse('ACCOMMODATION_GROUNDS_NOT_ACCEPTED', `An accommodation is asked only for ${ACCOMMODATION_GROUNDS.join(', ')}; other hardships are appealed after the deadline.`);
    }
    const lastDay = policy.accommodationRequestDeadline ?? policy.endsOn;
    if (filedOn > lastDay) {
      refuse('ACCOMMODATION_REQUEST_TOO_LATE', `Accommodation requests for ${policy.cycle} had to reach the team by ${lastDay}.`, { lastDay });
    }
  } else {
    const { opensOn, closesOn } = policy.appealWindow;
    if (filedOn < opensOn || filedOn > closesOn) {
      refuse('APPEAL_OUTSIDE_WINDOW', `Appeals for ${policy.cycle} are accepted from ${opensOn} to ${closesOn}.`, { opensOn, closesOn, filedOn });
    }
  }
  return [
    {
      type: 'AppealFiled',
      data: {
        appealId: command.appealId,
        certificantId: command.certificantId,
        cycle: command.cycle,
        certification,
        kind,
        grounds,
        statement: command.statement.trim(),
        appealedDecision: command.appealedDecision ?? null,
        filedOn,
      },
    },
  ];
}
