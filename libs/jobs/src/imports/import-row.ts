import { createHash } from 'node:crypto';
import { cycleOf, daysBetween, isBusinessDate, type ActivityInput, type BusinessDate, type CycleName, type ImportKind } from '@recert/domain';
import type { ImportRowFields } from './import-source';

/** Who a row is about, as given (api.md: matched by certificantId, then memberId, then email). */
export interface RowIdentity {
  certificantId?: string;
  memberId?: string;
  email?: string;
}

/** What the kind adds to the domain's checks (D3.15: staff add volunteering once a year, articles in their print month). */
export type KindCheck =
  | { kind: 'volunteer'; year: number }
  | { kind: 'publication'; publishedOn: BusinessDate }
  | { kind: 'none' };

export interface ImportActivityRow {
  row: number;
  identity: RowIdentity;
  cycle: CycleName;
  input: ActivityInput & { externalRef: string };
  /** True when the row had no externalRef and one was derived from its content (D3.16). */
  derivedRef: boolean;
  check: KindCheck;
}

export interface RowRefusal {
  row: number;
  code: string;
  message: string;
}

const IDENTITY_FIELDS = ['certificantId', 'memberId', 'email'] as const;

/**
 * Reads one row of an import of `kind` into the domain's activity input (api.md, "Import rows").
 * Only the shape is judged here; values, dates and caps are judged by the domain afterwards.
 */
export function readImportRow(kind: ImportKind, row: number, given: ImportRowFields, malformed?: string): ImportActivityRow | RowRefusal {
  const refusal = (code: string, message: string): RowRefusal => ({ row, code, message });
  if (malformed) return refusal('IMPORT_ROW_MALFORMED', `Row ${row} cannot be read: ${malformed}.`);
  const fields = normalise(given);
  const text = (name: string) => fields[name];

  const identity: RowIdentity = {};
  for (const name of IDENTITY_FIELDS) if (text(name) !== undefined) identity[name] = text(name);
  if (identity.email !== undefined) identity.email = identity.email.toLowerCase();
  if (Object.keys(identity).length === 0) {
    return refusal('IMPORT_ROW_NO_CERTIFICANT', `Row ${row} names no certificant: give a certificantId, a memberId or an email.`);
  }

  const numbers: Record<string, number> = {};
  for (const name of ['hours', 'inScopeHours', 'creditHours', 'ceus', 'quizScore', 'score']) {
    const value = text(name);
    if (value === undefined) continue;
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) return refusal('IMPORT_ROW_MALFORMED', `Row ${row}: ${name} "${value}" is not a number.`);
    numbers[name] = parsed;
  }

  let activityType: string;
  let activityDate = text('activityDate');
  let title = text('title');
  let provider = text('provider');
  let check: KindCheck = { kind: 'none' };
  const extra: Record<string, string | undefined> = {};
  switch (kind) {
    case 'event-attendance':
      activityType = 'event-attendance';
      break;
    case 'volunteer': {
      activityType = 'volunteer-service';
      const role = text('role');
      const servedFrom = text('servedFrom');
      const servedTo = text('servedTo');
      if (!role) return refusal('IMPORT_ROW_MALFORMED', `Row ${row}: volunteer service needs the role held.`);
      if (!isBusinessDate(servedFrom) || !isBusinessDate(servedTo)) {
        return refusal('IMPORT_ROW_MALFORMED', `Row ${row}: volunteer service needs servedFrom and servedTo as calendar dates (YYYY-MM-DD).`);
      }
      // D3.15: a full year of service in the position earns the CEUs.
      if (daysBetween(servedFrom, servedTo) + 1 < 365) {
        return refusal('IMPORT_VOLUNTEER_YEAR_NOT_FULL', `Volunteer service from ${servedFrom} to ${servedTo} is not a full year in the position; only a full year earns CEUs.`);
      }
      activityDate ??= servedTo;
      title ??= role;
      Object.assign(extra, { role, servedFrom, servedTo });
      break;
    }
    case 'publication': {
      activityType = 'publication';
      const publication = text('publication');
      const publishedOn = text('publishedOn');
      if (!publication) return refusal('IMPORT_ROW_MALFORMED', `Row ${row}: an article needs the publication it appeared in.`);
      if (publishedOn === undefined) {
        return refusal('IMPORT_PUBLICATION_NOT_IN_PRINT', 'An article earns CEUs in the month of its print publication; an ahead-of-print article has no print date yet.');
      }
      if (!isBusinessDate(publishedOn)) return refusal('IMPORT_ROW_MALFORMED', `Row ${row}: publishedOn "${publishedOn}" is not a calendar date (YYYY-MM-DD).`);
      activityDate ??= publishedOn;
      title ??= publication;
      provider ??= publication;
      check = { kind: 'publication', publishedOn };
      Object.assign(extra, { publication, publishedOn });
      break;
    }
    case 'quiz': {
      activityType = 'nsca-quiz';
      const quizId = text('quizId');
      title ??= quizId ? `NSCA quiz ${quizId}` : undefined;
      if (numbers.score !== undefined) numbers.quizScore = numbers.score;
      Object.assign(extra, { quizId });
      break;
    }
    case 'activities': {
      const given = text('activityType');
      if (!given) return refusal('IMPORT_ROW_MALFORMED', `Row ${row} has no activityType.`);
      activityType = given;
      break;
    }
  }
  if (!isBusinessDate(activityDate)) {
    return refusal('ACTIVITY_DATE_INVALID', `The activity date "${activityDate ?? ''}" is not a calendar date (YYYY-MM-DD).`);
  }
  if (kind === 'volunteer') check = { kind: 'volunteer', year: Number(activityDate.slice(0, 4)) };

  const creditSystem = text('creditSystem');
  const input: ActivityInput = {
    activityType,
    activityDate,
    title: title ?? '',
    ...(provider !== undefined ? { provider } : {}),
    ...(numbers.hours !== undefined ? { hours: numbers.hours } : {}),
    ...(numbers.inScopeHours !== undefined ? { inScopeHours: numbers.inScopeHours } : {}),
    ...(numbers.creditHours !== undefined ? { creditHours: numbers.creditHours } : {}),
    ...(creditSystem !== undefined ? { creditSystem: creditSystem as ActivityInput['creditSystem'] } : {}),
    ...(numbers.ceus !== undefined ? { ceus: numbers.ceus } : {}),
    ...(numbers.quizScore !== undefined ? { quizScore: numbers.quizScore } : {}),
    ...(text('eventRef') !== undefined ? { eventRef: text('eventRef') } : {}),
  };
  const cycle = text('cycle') ?? cycleOf(activityDate);
  const givenRef = text('externalRef');
  const externalRef = givenRef ?? derivedReference(kind, cycle, input, extra);
  return { row, identity, cycle, input: { ...input, externalRef }, derivedRef: givenRef === undefined, check };
}

/**
 * D3.16 for rows without the provider's id: the same row content (kind, cycle, activity and the
 * kind's own fields, not the identity columns, which live in the stream id already) gives the
 * same reference, so the same file uploaded twice is recognised row by row.
 */
function derivedReference(kind: ImportKind, cycle: CycleName, input: ActivityInput, extra: Record<string, string | undefined>): string {
  const canonical = JSON.stringify([kind, cycle, sortedEntries(input), sortedEntries(extra)]);
  return `derived:${createHash('sha256').update(canonical).digest('hex').slice(0, 32)}`;
}

function sortedEntries(record: object): [string, unknown][] {
  return Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Trimmed strings; empty cells and nulls are absent. */
function normalise(fields: ImportRowFields): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
    if (text !== '') out[name] = text;
  }
  return out;
}
