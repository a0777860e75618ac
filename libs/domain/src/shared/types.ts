/**
 * Vocabulary shared by every part of the domain. Plain data only.
 */

/** A calendar date in the body's time zone, `YYYY-MM-DD`. Compared as strings. */
export type BusinessDate = string;

/** CEUs are counted in integer tenths (1.5 CEU = 15) so sums never drift (api.md). */
export type Tenths = number;

/** Money in cents. */
export type Cents = number;

/** `2024-2026` */
export type CycleName = string;

export const CERTIFICATIONS = ['CSCS', 'NSCA-CPT', 'TSAC-F', 'CSPS'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export const CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ACTIVITY_TYPES = [
  'event-attendance',
  'nsca-quiz',
  'presentation',
  'publication',
  'volunteer-service',
  'college-course',
  'first-aid',
  'pre-approved-home-study',
  'ncca-certification',
  'personal-development',
  'additional-nsca-certification',
  'usada-safesport',
] as const;
/** The api.md names; a policy may add more, so the type stays open. */
export type ActivityType = (typeof ACTIVITY_TYPES)[number] | (string & {});

/** `distinction` (D8, non-members) extends the api.md list; it never pays a recertification fee. */
export const FEE_TYPES = ['recertification', 'late', 'membership', 'insurance', 'rscc', 'distinction'] as const;
export type FeeType = (typeof FEE_TYPES)[number];

/** Who put a fact on record. */
export type Reporter = 'certificant' | 'staff';

export type CertificationStatus =
  | 'NotRequired'
  | 'InProgress'
  | 'CeusMet'
  | 'Complete'
  | 'CompleteLate'
  | 'Expired'
  | 'Reinstated';

/** What blocks completion, in words (D4.5). */
export interface Blocker {
  code: string;
  message: string;
}
