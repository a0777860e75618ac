import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { CommandAnswer } from './model';
import { keys, noteWrite } from './reads';

/**
 * Domain refusals name a rule, not a field: the field each code of this area's forms concerns,
 * so its sentence shows next to that field (validation failures name their field themselves).
 */
const FIELD_OF_CODE: Record<string, string> = {
  ACTIVITY_BEFORE_CERTIFICATION: 'activityDate',
  ACTIVITY_OUTSIDE_CYCLE: 'activityDate',
  ACTIVITY_DATE_INVALID: 'activityDate',
  ACTIVITY_TITLE_REQUIRED: 'title',
  ACTIVITY_TYPE_UNKNOWN: 'activityType',
  ACTIVITY_STAFF_ONLY: 'activityType',
  CPR_AED_EARNS_NO_CEUS: 'activityType',
  ACTIVITY_HOURS_REQUIRED: 'hours',
  ACTIVITY_HOURS_INVALID: 'hours',
  ACTIVITY_IN_SCOPE_HOURS_INVALID: 'inScopeHours',
  ACTIVITY_NOTHING_IN_SCOPE: 'inScopeHours',
  ACTIVITY_CREDIT_HOURS_REQUIRED: 'creditHours',
  ACTIVITY_CREDIT_SYSTEM_REQUIRED: 'creditSystem',
  QUIZ_SCORE_REQUIRED: 'quizScore',
  QUIZ_NOT_PASSED: 'quizScore',
  ACTIVITY_CEUS_REQUIRED: 'ceus',
  ACTIVITY_CEUS_INVALID: 'ceus',
  ACTIVITY_VALUE_NOT_ADJUSTABLE: 'ceus',
  REPORTED_ON_IN_FUTURE: 'reportedOn',
  ACTIVITY_DUPLICATE_REFERENCE: 'externalRef',
  ACTIVITY_WITHDRAW_REASON_REQUIRED: 'reason',
  FEE_TYPE_UNKNOWN: 'feeType',
  FEE_CERTIFICATION_REQUIRED: 'certification',
  FEE_CERTIFICATION_NOT_HELD: 'certification',
  FEE_AMOUNT_INVALID: 'amountCents',
  FEE_AMOUNT_MISMATCH: 'amountCents',
  FEE_PAID_ON_IN_FUTURE: 'paidOn',
  CPR_AED_DATES_INVALID: 'expiresOn',
  CPR_AED_ADULT_NOT_COVERED: 'coversAdult',
  CPR_AED_ONLINE_NOT_ACCEPTED: 'deliveredOnline',
  CPR_AED_LAPSED_MUST_BE_IN_PERSON: 'deliveredOnline',
  CERTIFICATION_UNKNOWN: 'certification',
  RSCC_NOT_A_CERTIFICATION: 'certification',
  EARNED_DATE_IN_FUTURE: 'earnedOn',
  CERTIFICATION_DOCUMENTS_MISSING: 'documents',
  CERTIFICANT_NAME_MISSING: 'firstName',
  CERTIFICANT_EMAIL_INVALID: 'email',
  MERGE_SAME_ACCOUNT: 'duplicateCertificantId',
  MERGE_DUPLICATE_UNKNOWN: 'duplicateCertificantId',
  MERGE_ALREADY_MERGED: 'duplicateCertificantId',
};

export interface Refusal {
  /** The API's sentence per field of the form. */
  fields: Record<string, string>;
  /** The sentence no field of the form holds, shown above the submit button. */
  general: string | null;
}

export const NO_REFUSAL: Refusal = { fields: {}, general: null };

/** Splits a failure into sentences per field (of `formFields`) and the rest. */
export function refusalOf(error: unknown, formFields: readonly string[]): Refusal {
  if (!error) return NO_REFUSAL;
  if (!(error instanceof ApiError)) return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  const named = { ...error.fieldErrors };
  const field = FIELD_OF_CODE[error.code];
  if (field && !named[field]) named[field] = error.message;
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const [name, sentence] of Object.entries(named)) {
    if (formFields.includes(name)) fields[name] = sentence;
    else rest.push(sentence);
  }
  const general = Object.keys(fields).length === 0 ? error.message : rest.length > 0 ? rest.join('; ') : null;
  return { fields, general };
}

/**
 * A command of a certificant's page: sends it, notes its position (read-your-writes), refreshes
 * the certificant's reads and the list, says so, and keeps the refusal for the form.
 */
export function useCertificantCommand<TBody, TAnswer extends CommandAnswer>(options: {
  certificantId?: string;
  send: (body: TBody) => Promise<TAnswer>;
  fields: readonly string[];
  success: (answer: TAnswer, body: TBody) => string;
  onDone?: (answer: TAnswer) => void;
}) {
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const mutation = useMutation({
    mutationFn: options.send,
    onMutate: () => setRefusal(NO_REFUSAL),
    onSuccess: async (answer, body) => {
      noteWrite(answer?.position);
      notifications.show({ color: 'green', title: 'Recorded', message: options.success(answer, body) });
      options.onDone?.(answer);
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.list }),
        options.certificantId ? client.invalidateQueries({ queryKey: keys.certificant(options.certificantId) }) : Promise.resolve(),
      ]);
    },
    onError: (error) => setRefusal(refusalOf(error, options.fields)),
  });
  return { ...mutation, refusal, clearRefusal: () => setRefusal(NO_REFUSAL) };
}
