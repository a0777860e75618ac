import type { BusinessDate, Certification, CycleName } from '../shared/types';

/** Stream `appeal-<appealId>` (D6). */
export const appealStream = (appealId: string) => `appeal-${appealId}`;

export const APPEAL_GROUNDS = ['illness', 'disability', 'military', 'disaster', 'covid', 'bereavement', 'other'] as const;
export type AppealGrounds = (typeof APPEAL_GROUNDS)[number];

/** D6.2: asked before the cycle ends (accommodation) or after it, in the appeal window (appeal). */
export type AppealKind = 'appeal' | 'accommodation';

/** D6.4: the decision appealed against and who made it, so its maker cannot decide the appeal. */
export interface AppealedDecision {
  kind: 'audit' | 'activity-disallowed' | 'expiry';
  reference: string;
  decidedBy: string;
}

export type AppealRemedy = { kind: 'extension'; until: BusinessDate } | { kind: 'reinstatement' };

export type AppealFiled = {
  type: 'AppealFiled';
  data: {
    appealId: string;
    certificantId: string;
    cycle: CycleName;
    certification: Certification | null;
    kind: AppealKind;
    grounds: AppealGrounds;
    statement: string;
    appealedDecision: AppealedDecision | null;
    filedOn: BusinessDate;
  };
};

export type AppealDocumentReceived = {
  type: 'AppealDocumentReceived';
  data: { appealId: string; kind: string; reference: string; receivedOn: BusinessDate };
};

/** D6.3: the handler sends GrantExtension or ReinstateCertification to the cycle stream. */
export type AppealDecided = {
  type: 'AppealDecided';
  data: {
    appealId: string;
    certificantId: string;
    cycle: CycleName;
    certification: Certification | null;
    decision: 'granted' | 'denied';
    remedy: AppealRemedy | null;
    rationale: string;
    decidedOn: BusinessDate;
    decidedBy: string;
  };
};

export type AppealEvent = AppealFiled | AppealDocumentReceived | AppealDecided;

export const APPEAL_EVENT_VERSIONS: Record<AppealEvent['type'], number> = {
  AppealFiled: 1,
  AppealDocumentReceived: 1,
  AppealDecided: 1,
};
