import { valueActivity, type ActivityInput } from '../policy/value-activity';
import { toTenths } from '../shared/ceus';
import { actorId, newId } from '../shared/decider';
import { refuse } from '../shared/errors';
import { reportingTermsOf, requireCycleOfPolicy, type CycleContext, type ReportActivity } from './commands';
import { joinCycleStates } from './cycle-facts';
import type { ActivityReported } from './events';
import { findActivity, type CycleState } from './state';

/**
 * The value and category come from `valueActivity` (policy engineer); whether the date counts
 * for a certification comes from the status module (`reportingTerms`: `cycleStatus`'s
 * `countsFrom` and `lateDeadline`, D3.1/D3.2/D2.3). This file decides
 * only what belongs to recording: who, when, and whether the stream already has it.
 */
export function reportActivity(command: ReportActivity, state: CycleState, context: CycleContext): ActivityReported[] {
  requireCycleOfPolicy(command, context);
  if (command.activityId && findActivity(state, command.activityId)) return [];
  const reportedOn = command.reportedOn ?? context.today;
  if (reportedOn > context.today) {
    refuse('REPORTED_ON_IN_FUTURE', `An activity cannot be recorded as reported on ${reportedOn}, after today.`);
  }
  if (context.certifications.length === 0) {
    refuse('CERTIFICATION_NONE_HELD', 'This certificant holds no certification yet, so no activity can count.');
  }
  const input: ActivityInput = pickInput(command);
  const valued = valueActivity(context.policy, input, command.reportedBy);
  if (!valued.ok) refuse(valued.code, valued.message, { activityType: command.activityType });

  // The late deadline and each certification's countsFrom, as `cycleStatus` decides them (D2.3, D3.1).
  const status = reportingTermsOf(state, context, reportedOn);
  // D2.3: reporting after the deadline is allowed until the late window (or a granted extension) ends.
  if (reportedOn > status.lateDeadline) {
    refuse('ACTIVITY_REPORTING_CLOSED', `Reporting for ${command.cycle} closed at the end of ${status.lateDeadline}.`, {
      lateDeadline: status.lateDeadline,
    });
  }
  const appliesTo = status.certifications.filter((c) => command.activityDate >= c.countsFrom).map((c) => c.certification);
  if (appliesTo.length === 0) {
    const earliest = status.certifications.map((c) => c.countsFrom).sort()[0];
    refuse(
      'ACTIVITY_BEFORE_CERTIFICATION',
      `The activity on ${command.activityDate} is before every certification held counts (from ${earliest}); activity before a certification was earned never counts for it.`,
      { countsFrom: earliest },
    );
  }
  const open = appliesTo.filter((certification) => {
    const expired = state.expired.some((e) => e.certification === certification);
    const reinstated = state.reinstated.some((r) => r.certification === certification);
    return !expired || reinstated;
  });
  if (open.length === 0) {
    refuse('CERTIFICATION_EXPIRED', `${appliesTo.join(', ')} expired in ${command.cycle}; CEUs are no longer reported for this cycle.`);
  }
  // D3.16: the external reference of a batch row is never counted twice, on this or a merged account.
  if (command.externalRef) {
    const joined = joinCycleStates([state, ...(context.merged ?? [])]);
    const same = joined.activities.find((a) => a.reported.externalRef === command.externalRef && !a.withdrawn);
    if (same) {
      refuse('ACTIVITY_DUPLICATE_REFERENCE', `The reference ${command.externalRef} is already recorded as activity ${same.reported.activityId}.`, {
        externalRef: command.externalRef,
        activityId: same.reported.activityId,
      });
    }
  }
  return [
    {
      type: 'ActivityReported',
      data: {
        activityId: newId(command.activityId, context, 'activity'),
        certificantId: command.certificantId,
        cycle: command.cycle,
        ...withoutCeus(input),
        ...(input.ceus !== undefined ? { declaredTenths: toTenths(input.ceus) } : {}),
        category: valued.category,
        tenths: valued.tenths,
        bodyRecorded: valued.bodyRecorded,
        explanation: valued.explanation,
        appliesTo,
        reportedBy: command.reportedBy,
        recordedBy: actorId(context.actor),
        reportedOn,
        ...(command.importId !== undefined ? { importId: command.importId } : {}),
      },
    },
  ];
}

const INPUT_FIELDS = [
  'activityType',
  'activityDate',
  'title',
  'provider',
  'hours',
  'inScopeHours',
  'creditHours',
  'creditSystem',
  'ceus',
  'quizScore',
  'externalRef',
  'eventRef',
] as const;

function pickInput(command: ReportActivity): ActivityInput {
  const input: Record<string, unknown> = {};
  for (const field of INPUT_FIELDS) if (command[field] !== undefined) input[field] = command[field];
  return input as unknown as ActivityInput;
}

function withoutCeus({ ceus: _ceus, ...rest }: ActivityInput) {
  return rest;
}
