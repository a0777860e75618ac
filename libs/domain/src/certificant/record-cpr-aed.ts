import { refuse } from '../shared/errors';
import { requireActiveAccount, type CertificantContext, type RecordCprAed } from './commands';
import type { CprAedRecorded } from './events';
import { sameCard, type CertificantState } from './state';

/** D1.4: which CPR/AED courses count. The card earns no CEUs (D3.17). */
export function recordCprAed(command: RecordCprAed, state: CertificantState, _context: CertificantContext): CprAedRecorded[] {
  requireActiveAccount(state, command.certificantId);
  const { type: _type, ...card } = command;
  if (state.cprAed.some((own) => sameCard(own, card))) return [];
  if (card.expiresOn <= card.completedOn) {
    refuse('CPR_AED_DATES_INVALID', `The card expires on ${card.expiresOn}, not after it was completed on ${card.completedOn}.`);
  }
  if (card.deliveredOnline && !(card.coversAdult && card.skillsEvaluation)) {
    refuse(
      'CPR_AED_ONLINE_NOT_ACCEPTED',
      'An online CPR/AED course counts only if it covers adults and includes a skills evaluation.',
      { coversAdult: card.coversAdult, skillsEvaluation: card.skillsEvaluation },
    );
  }
  const previous = [...state.cprAed].filter((own) => own.completedOn < card.completedOn).sort((a, b) => (a.expiresOn < b.expiresOn ? 1 : -1))[0];
  const lapsed = previous !== undefined && previous.expiresOn < card.completedOn;
  if (lapsed && card.deliveredOnline) {
    refuse(
      'CPR_AED_LAPSED_MUST_BE_IN_PERSON',
      `The previous CPR/AED card expired on ${previous.expiresOn}; after a lapse the renewal course must be attended in person.`,
      { lapsedOn: previous.expiresOn },
    );
  }
  if (!card.coversAdult) {
    refuse('CPR_AED_ADULT_NOT_COVERED', 'A CPR/AED course counts only if it covers adults.');
  }
  return [{ type: 'CprAedRecorded', data: card }];
}
