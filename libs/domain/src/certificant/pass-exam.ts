import { refuse } from '../shared/errors';
import { parseCertification, requireActiveAccount, type CertificantContext, type PassExam } from './commands';
import type { ExamPassed } from './events';
import type { CertificantState } from './state';

/**
 * D2.5: passing the exam again recertifies without CEUs (the fee rules still apply); after an
 * expiry (D2.4) it is how the person holds the certification again. The cycle's status reads
 * it through `toCycleFacts`.
 */
export function passExam(command: PassExam, state: CertificantState, context: CertificantContext): ExamPassed[] {
  requireActiveAccount(state, command.certificantId);
  const certification = parseCertification(command.certification);
  if (command.passedOn > context.today) {
    refuse('EXAM_DATE_IN_FUTURE', `An exam cannot be passed on ${command.passedOn}, after today.`, { passedOn: command.passedOn });
  }
  if (state.examsPassed.some((exam) => exam.certification === certification && exam.passedOn === command.passedOn)) {
    return [];
  }
  return [{ type: 'ExamPassed', data: { certificantId: command.certificantId, certification, passedOn: command.passedOn } }];
}
