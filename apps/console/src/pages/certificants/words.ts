/** How this area names things to the team (domain.md's words). */

export const STATUS_LABEL: Record<string, string> = {
  NotRequired: 'Not required',
  InProgress: 'In progress',
  CeusMet: 'CEUs met, fee missing',
  Complete: 'Complete',
  CompleteLate: 'Complete (late)',
  Expired: 'Expired',
  Reinstated: 'Reinstated',
};

export const STATUS_COLOR: Record<string, string> = {
  NotRequired: 'gray',
  InProgress: 'blue',
  CeusMet: 'orange',
  Complete: 'green',
  CompleteLate: 'teal',
  Expired: 'red',
  Reinstated: 'grape',
};

/** The names of api.md's activity types, for lines that carry only the type (ledger, timeline). Forms read the cycle's catalogue (`useActivityTypes`). */
const ACTIVITY_LABELS: Record<string, string> = {
  'event-attendance': 'Event attendance',
  'nsca-quiz': 'NSCA quiz',
  presentation: 'Presentation',
  publication: 'Article in an NSCA publication',
  'volunteer-service': 'A year of volunteer leadership',
  'college-course': 'College course',
  'first-aid': 'First Aid certification',
  'pre-approved-home-study': 'Pre-approved home study',
  'ncca-certification': 'NCCA-accredited certification',
  'personal-development': 'Personal development',
  'additional-nsca-certification': 'Additional NSCA certification',
  'usada-safesport': 'USADA/SafeSport certificate',
};

export function activityLabel(activityType: string): string {
  return ACTIVITY_LABELS[activityType] ?? activityType;
}

export const FEE_TYPES = [
  { value: 'recertification', label: 'Recertification fee' },
  { value: 'late', label: 'Late fee' },
  { value: 'membership', label: 'Membership' },
  { value: 'insurance', label: 'Insurance' },
  { value: 'rscc', label: 'RSCC renewal' },
  { value: 'distinction', label: 'Recertification with Distinction' },
];

export function recordedTime(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}
