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

export type ActivityField = 'hours' | 'inScopeHours' | 'creditHours' | 'creditSystem' | 'ceus' | 'quizScore' | 'eventRef';

export interface ActivityKind {
  activityType: string;
  label: string;
  /** The fields the type's value needs (api.md's catalogue); the rest of the value is computed. */
  fields: ActivityField[];
  /** What the form says about its value. */
  value: string;
  /** D3.15: added by staff only. */
  staffOnly?: boolean;
}

/** api.md's activity types with the fields each one takes. */
export const ACTIVITY_KINDS: ActivityKind[] = [
  { activityType: 'event-attendance', label: 'Event attendance', fields: ['hours', 'inScopeHours', 'eventRef'], value: '0.1 CEU per hour in scope, at most 2.0 per event' },
  { activityType: 'nsca-quiz', label: 'NSCA quiz', fields: ['quizScore', 'ceus'], value: "Passing (70 or more) earns the quiz's CEUs, typically 0.2" },
  { activityType: 'presentation', label: 'Presentation', fields: ['ceus'], value: 'The CEUs reported' },
  { activityType: 'publication', label: 'Article in an NSCA publication', fields: ['ceus'], value: 'Added by staff in the month of print publication', staffOnly: true },
  { activityType: 'volunteer-service', label: 'A year of volunteer leadership', fields: ['ceus'], value: 'Added by staff once a year', staffOnly: true },
  {
    activityType: 'college-course',
    label: 'College course',
    fields: ['creditHours', 'creditSystem'],
    value: '0.5 CEU per semester credit hour, 0.3 per quarter credit hour, at most 2.0 per course',
  },
  { activityType: 'first-aid', label: 'First Aid certification', fields: [], value: '0.5 CEU each time' },
  { activityType: 'pre-approved-home-study', label: 'Pre-approved home study', fields: ['ceus'], value: 'Its approved value' },
  { activityType: 'ncca-certification', label: 'NCCA-accredited certification', fields: [], value: '1.0 CEU' },
  { activityType: 'personal-development', label: 'Personal development', fields: ['ceus'], value: 'At most 0.5 CEU per year certified in the cycle' },
  { activityType: 'additional-nsca-certification', label: 'Additional NSCA certification', fields: [], value: '3.0 CEUs; does not by itself complete recertification' },
  { activityType: 'usada-safesport', label: 'USADA/SafeSport certificate', fields: ['ceus'], value: 'Added by staff when the certificate is sent in', staffOnly: true },
];

export function activityLabel(activityType: string): string {
  return ACTIVITY_KINDS.find((kind) => kind.activityType === activityType)?.label ?? activityType;
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
