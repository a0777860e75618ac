/** The appeal shapes the API answers (api.md "Appeals"; apps/api/src/appeals). */

export type AppealStatus = 'filed' | 'granted' | 'denied';
export const APPEAL_STATUSES: AppealStatus[] = ['filed', 'granted', 'denied'];

export const GROUNDS = ['illness', 'disability', 'military', 'disaster', 'covid', 'bereavement', 'other'] as const;
export const GROUND_LABELS: Record<string, string> = {
  illness: 'Serious illness',
  disability: 'Documented disability',
  military: 'Military deployment',
  disaster: 'Natural disaster',
  covid: 'Covid-19',
  bereavement: 'Death in the immediate family',
  other: 'Other',
};

export type Remedy = { kind: 'extension'; until: string } | { kind: 'reinstatement' };

export interface AppealedDecision {
  kind: 'audit' | 'activity-disallowed' | 'expiry';
  reference: string;
  decidedBy: string;
}

export interface AppealQueueItem {
  appealId: string;
  certificantId: string;
  /** The certificant's name, joined by the API; `null` until their registration is projected. */
  name: string | null;
  cycle: string;
  certification: string | null;
  kind: string;
  grounds: string;
  status: AppealStatus;
  filedOn: string;
  appealedDecision: AppealedDecision | null;
  documentsReceived: number;
  remedy: Remedy | null;
  decidedOn: string | null;
  decidedBy: string | null;
}

export interface AppealDecision {
  decision: 'granted' | 'denied';
  remedy: Remedy | null;
  rationale: string;
  decidedOn: string;
  decidedBy: string;
}

export interface AppealCase {
  appealId: string;
  certificantId: string;
  cycle: string;
  certification: string | null;
  status: AppealStatus;
  appealedDecision: AppealedDecision | null;
  documents: { kind: string; reference: string; receivedOn?: string }[];
  decision: AppealDecision | null;
  kind: 'appeal' | 'accommodation';
  grounds: string;
  statement: string;
  filedOn: string;
}

export function remedyText(remedy: Remedy | null): string {
  if (!remedy) return 'No remedy';
  return remedy.kind === 'extension' ? `Extension until ${remedy.until}` : 'Reinstatement';
}
