import type { ActivityType, BusinessDate, Category, Reporter, Tenths } from '../shared/types';
import { formatCeus, isWholeTenths, toTenths } from '../shared/ceus';
import { isBusinessDate } from '../shared/dates';
import { findActivityDefinition, type ActivityDefinition, type CyclePolicy } from './policy';

/** An activity as reported (api.md activity body), before it is valued. */
export interface ActivityInput {
  activityType: ActivityType;
  activityDate: BusinessDate;
  title: string;
  provider?: string;
  /** Hours attended. */
  hours?: number;
  /** D3.6: the hours inside the scope of practice; absent = all `hours` are in scope. */
  inScopeHours?: number;
  creditHours?: number;
  creditSystem?: 'semester' | 'quarter';
  /** Decimal CEUs (`1.5`), for types whose value is declared. */
  ceus?: number;
  quizScore?: number;
  /** A batch row's own id at its provider (D3.16). */
  externalRef?: string;
  /** The body's event id (D3.16). */
  eventRef?: string;
}

export type ActivityRefusalCode =
  | 'ACTIVITY_TYPE_UNKNOWN'
  | 'CPR_AED_EARNS_NO_CEUS'
  | 'ACTIVITY_STAFF_ONLY'
  | 'ACTIVITY_DATE_INVALID'
  | 'ACTIVITY_OUTSIDE_CYCLE'
  | 'ACTIVITY_TITLE_REQUIRED'
  | 'ACTIVITY_HOURS_REQUIRED'
  | 'ACTIVITY_HOURS_INVALID'
  | 'ACTIVITY_IN_SCOPE_HOURS_INVALID'
  | 'ACTIVITY_NOTHING_IN_SCOPE'
  | 'ACTIVITY_CREDIT_HOURS_REQUIRED'
  | 'ACTIVITY_CREDIT_SYSTEM_REQUIRED'
  | 'ACTIVITY_CEUS_REQUIRED'
  | 'ACTIVITY_CEUS_INVALID'
  | 'ACTIVITY_VALUE_NOT_ADJUSTABLE'
  | 'QUIZ_SCORE_REQUIRED'
  | 'QUIZ_NOT_PASSED';

export type ActivityValuation =
  | {
      ok: true;
      category: Category;
      tenths: Tenths;
      definition: ActivityDefinition;
      /** The body records it itself (D5.4, D8): a body type, or an activity tied to a body event. */
      bodyRecorded: boolean;
      /** How the value was found, in words. */
      explanation: string;
    }
  | { ok: false; code: ActivityRefusalCode; message: string };

function refuse(code: ActivityRefusalCode, message: string): ActivityValuation {
  return { ok: false, code, message };
}

const isNonNegative = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/**
 * Values one reported activity under a cycle's policy (D3.3-D3.17). Pure: records nothing.
 * A `ceus` given for a type whose value the policy computes is accepted only when it equals
 * the computed value (D3.3); otherwise ACTIVITY_VALUE_NOT_ADJUSTABLE.
 */
export function valueActivity(policy: CyclePolicy, input: ActivityInput, reporter: Reporter): ActivityValuation {
  // D1.4, D3.17
  if (/^cpr([-_ /]?aed)?$/i.test(String(input.activityType))) {
    return refuse('CPR_AED_EARNS_NO_CEUS', 'CPR/AED earns no CEUs: record the CPR/AED card on the certificant instead of reporting it as an activity.');
  }
  const definition = findActivityDefinition(policy, input.activityType);
  if (!definition) {
    return refuse('ACTIVITY_TYPE_UNKNOWN', `"${input.activityType}" is not an activity type of the ${policy.cycle} policy.`);
  }
  // D3.15
  if (!definition.reportableBy.includes(reporter)) {
    return refuse('ACTIVITY_STAFF_ONLY', `${definition.name} is added by staff; a certificant cannot report it.`);
  }
  if (!isBusinessDate(input.activityDate)) {
    return refuse('ACTIVITY_DATE_INVALID', `The activity date "${input.activityDate}" is not a calendar date (YYYY-MM-DD).`);
  }
  // D2.6, D3.1: an activity outside the cycle can never count in it.
  if (input.activityDate < policy.startsOn || input.activityDate > policy.endsOn) {
    return refuse('ACTIVITY_OUTSIDE_CYCLE', `The activity date ${input.activityDate} is outside the ${policy.cycle} cycle (${policy.startsOn} to ${policy.endsOn}); CEUs never roll over.`);
  }
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    return refuse('ACTIVITY_TITLE_REQUIRED', 'An activity needs a title.');
  }
  if (input.ceus !== undefined && (!isNonNegative(input.ceus) || !isWholeTenths(input.ceus))) {
    return refuse('ACTIVITY_CEUS_INVALID', `CEUs must be a positive number with at most one decimal (got ${input.ceus}).`);
  }

  const valued = computeValue(definition, input);
  if ('code' in valued) return refuse(valued.code, valued.message);

  // D3.3: a value the policy computes is not taken from the reporter.
  if (definition.value.kind !== 'declared' && input.ceus !== undefined && toTenths(input.ceus) !== valued.tenths) {
    return refuse(
      'ACTIVITY_VALUE_NOT_ADJUSTABLE',
      `${definition.name} is worth ${formatCeus(valued.tenths)} CEU under the ${policy.cycle} policy; its value cannot be changed to ${input.ceus}.`,
    );
  }
  return {
    ok: true,
    category: definition.category,
    tenths: valued.tenths,
    definition,
    bodyRecorded: definition.bodyRecorded || (input.eventRef !== undefined && input.eventRef !== ''),
    explanation: valued.explanation,
  };
}

function computeValue(
  definition: ActivityDefinition,
  input: ActivityInput,
): { tenths: Tenths; explanation: string } | { code: ActivityRefusalCode; message: string } {
  const value = definition.value;
  switch (value.kind) {
    case 'fixed':
      return { tenths: value.tenths, explanation: `${definition.name}: ${formatCeus(value.tenths)} CEU each time` };

    case 'per-hour': {
      if (input.hours === undefined) return { code: 'ACTIVITY_HOURS_REQUIRED', message: `${definition.name} needs the number of hours.` };
      if (!isNonNegative(input.hours) || input.hours === 0) return { code: 'ACTIVITY_HOURS_INVALID', message: `Hours must be a positive number (got ${input.hours}).` };
      const inScope = input.inScopeHours ?? input.hours;
      if (!isNonNegative(inScope) || inScope > input.hours) {
        return { code: 'ACTIVITY_IN_SCOPE_HOURS_INVALID', message: `In-scope hours must be between 0 and the ${input.hours} hours attended (got ${input.inScopeHours}).` };
      }
      // D3.6: only hours inside the scope of practice count; part hours round down.
      const raw = Math.floor(inScope * value.tenthsPerHour + 1e-9);
      if (raw === 0) return { code: 'ACTIVITY_NOTHING_IN_SCOPE', message: 'No hour of this activity is inside the scope of practice, so it earns no CEUs.' };
      const tenths = Math.min(raw, value.maxPerItem); // D3.7
      const scope = inScope < input.hours ? `${inScope} of ${input.hours} hours in scope` : `${inScope} hours`;
      const capped = raw > value.maxPerItem ? `, at most ${formatCeus(value.maxPerItem)} per event` : '';
      return { tenths, explanation: `${scope} x ${formatCeus(value.tenthsPerHour)} CEU${capped} = ${formatCeus(tenths)} CEU` };
    }

    case 'credit-hours': {
      if (input.creditHours === undefined) return { code: 'ACTIVITY_CREDIT_HOURS_REQUIRED', message: `${definition.name} needs its credit hours.` };
      if (!isNonNegative(input.creditHours) || input.creditHours === 0) return { code: 'ACTIVITY_HOURS_INVALID', message: `Credit hours must be a positive number (got ${input.creditHours}).` };
      if (input.creditSystem !== 'semester' && input.creditSystem !== 'quarter') {
        return { code: 'ACTIVITY_CREDIT_SYSTEM_REQUIRED', message: `${definition.name} needs its credit system: semester or quarter.` };
      }
      // D3.8
      const perCredit = input.creditSystem === 'semester' ? value.semesterTenths : value.quarterTenths;
      const raw = Math.floor(input.creditHours * perCredit + 1e-9);
      const tenths = Math.min(raw, value.maxPerItem);
      const capped = raw > value.maxPerItem ? `, at most ${formatCeus(value.maxPerItem)} per course` : '';
      return { tenths, explanation: `${input.creditHours} ${input.creditSystem} credit hours x ${formatCeus(perCredit)} CEU${capped} = ${formatCeus(tenths)} CEU` };
    }

    case 'declared': {
      if (definition.passingScore !== undefined) {
        // D3.14
        if (input.quizScore === undefined) return { code: 'QUIZ_SCORE_REQUIRED', message: `${definition.name} needs the quiz score.` };
        if (!(input.quizScore >= definition.passingScore)) {
          return { code: 'QUIZ_NOT_PASSED', message: `A quiz score of ${input.quizScore} is below the passing score of ${definition.passingScore}: a failed quiz earns no CEUs and must be taken again.` };
        }
      }
      const declared = input.ceus !== undefined ? toTenths(input.ceus) : value.defaultTenths;
      if (declared === undefined) return { code: 'ACTIVITY_CEUS_REQUIRED', message: `${definition.name} needs its CEUs.` };
      if (declared <= 0) return { code: 'ACTIVITY_CEUS_INVALID', message: 'CEUs must be more than zero.' };
      if (value.maxPerItem !== undefined && declared > value.maxPerItem) {
        return { code: 'ACTIVITY_CEUS_INVALID', message: `${definition.name} is worth at most ${formatCeus(value.maxPerItem)} CEU.` };
      }
      return { tenths: declared, explanation: `${definition.name}: ${formatCeus(declared)} CEU as ${definition.adjustable ? 'reported' : 'approved'}` };
    }
  }
}
