import type { BusinessDate, Certification, CycleName } from '../shared/types';
import type { AppealDecided, AppealEvent, AppealGrounds, AppealKind, AppealedDecision } from './events';

export interface AppealState {
  status: 'none' | 'filed' | 'granted' | 'denied';
  appealId: string | null;
  certificantId: string | null;
  cycle: CycleName | null;
  certification: Certification | null;
  /** D6.2: accommodation (before the cycle ends) or appeal (in the window after it). */
  kind: AppealKind | null;
  grounds: AppealGrounds | null;
  /** The certificant's own account, as filed: what the committee reads first. */
  statement: string | null;
  filedOn: BusinessDate | null;
  appealedDecision: AppealedDecision | null;
  documents: { kind: string; reference: string }[];
  decision: AppealDecided['data'] | null;
}

export const initialAppealState: AppealState = {
  status: 'none',
  appealId: null,
  certificantId: null,
  cycle: null,
  certification: null,
  kind: null,
  grounds: null,
  statement: null,
  filedOn: null,
  appealedDecision: null,
  documents: [],
  decision: null,
};

export function evolveAppeal(state: AppealState, event: AppealEvent): AppealState {
  switch (event.type) {
    case 'AppealFiled': {
      const { appealId, certificantId, cycle, certification, kind, grounds, statement, filedOn, appealedDecision } = event.data;
      return { ...state, status: 'filed', appealId, certificantId, cycle, certification, kind, grounds, statement, filedOn, appealedDecision };
    }
    case 'AppealDocumentReceived':
      return { ...state, documents: [...state.documents, { kind: event.data.kind, reference: event.data.reference }] };
    case 'AppealDecided':
      return { ...state, status: event.data.decision, decision: event.data };
  }
}
