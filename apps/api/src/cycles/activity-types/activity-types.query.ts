import { fromTenths, policyFor, type ActivityDefinition, type ActivityValue, type CyclePolicy } from '@recert/domain';

/** A body field of `POST .../activities` that a type uses; `required: false` = may be left out. */
export interface ActivityTypeField {
  field: 'hours' | 'inScopeHours' | 'creditHours' | 'creditSystem' | 'ceus' | 'quizScore' | 'eventRef';
  required: boolean;
}

/** How a type's CEUs are given, in CEUs (decimals), as the policy values them (D3.3, D3.6-D3.14). */
export type ActivityTypeValue =
  | { kind: 'fixed'; ceus: number }
  | { kind: 'per-hour'; ceusPerHour: number }
  | { kind: 'credit-hours'; semesterCeus: number; quarterCeus: number }
  | { kind: 'declared'; defaultCeus: number | null };

function valueOf(value: ActivityValue): ActivityTypeValue {
  switch (value.kind) {
    case 'fixed':
      return { kind: 'fixed', ceus: fromTenths(value.tenths) };
    case 'per-hour':
      return { kind: 'per-hour', ceusPerHour: fromTenths(value.tenthsPerHour) };
    case 'credit-hours':
      return { kind: 'credit-hours', semesterCeus: fromTenths(value.semesterTenths), quarterCeus: fromTenths(value.quarterTenths) };
    case 'declared':
      return { kind: 'declared', defaultCeus: value.defaultTenths === undefined ? null : fromTenths(value.defaultTenths) };
  }
}

/**
 * The fields a type takes: what the policy requires, plus the optional ones its value reads
 * (`inScopeHours` and the body's `eventRef` for hourly events, D3.6 and D3.16; `ceus` where a
 * declared value has a default, e.g. a quiz's 0.2).
 */
function fieldsOf(definition: ActivityDefinition): ActivityTypeField[] {
  const fields: ActivityTypeField[] = definition.requires.map((field) => ({ field, required: true }));
  const optional = (field: ActivityTypeField['field']) => {
    if (!fields.some((f) => f.field === field)) fields.push({ field, required: false });
  };
  if (definition.value.kind === 'per-hour') {
    optional('inScopeHours');
    optional('eventRef');
  }
  if (definition.value.kind === 'declared') optional('ceus');
  return fields;
}

function maxPerItemOf(value: ActivityValue): number | null {
  return value.kind !== 'fixed' && value.maxPerItem !== undefined ? fromTenths(value.maxPerItem) : null;
}

/** One entry of the catalogue answer. */
export function activityTypeView(policy: CyclePolicy, definition: ActivityDefinition) {
  return {
    activityType: definition.activityType,
    name: definition.name,
    category: definition.category,
    categoryName: policy.categories.find((c) => c.code === definition.category)?.name ?? null,
    value: valueOf(definition.value),
    fields: fieldsOf(definition),
    /** D3.7, D3.8: the most one item earns; `null` = no cap per item. */
    maxCeusPerItem: maxPerItemOf(definition.value),
    /** D3.11: a cap per cycle, per year certified in it. */
    maxCeusPerCertifiedYear: definition.cycleCapPerCertifiedYearTenths === undefined ? null : fromTenths(definition.cycleCapPerCertifiedYearTenths),
    /** D3.3: false = the value the policy gives cannot be changed by the reporter. */
    adjustable: definition.adjustable,
    /** D3.15 */
    reportableBy: definition.reportableBy,
    /** D3.14 */
    passingScore: definition.passingScore ?? null,
    /** D3.13 */
    completesAlone: definition.completesAlone,
  };
}

/**
 * `GET /cycles/:cycle/activity-types`: the activity catalogue of the cycle's policy in force, so
 * forms offer the types and fields the policy has (a policy may add types, api.md). An unknown
 * cycle is 404 `CYCLE_NOT_FOUND` (the error filter maps `PolicyNotFound`).
 */
export function activityTypes(cycle: string) {
  const policy = policyFor(cycle);
  return {
    cycle: policy.cycle,
    provisional: policy.provisional,
    categories: policy.categories,
    items: policy.catalogue.map((definition) => activityTypeView(policy, definition)),
    nextCursor: null,
  };
}

export type ActivityTypesAnswer = ReturnType<typeof activityTypes>;
