import type { Certification, CycleName } from '../shared/types';
import type { AppealDecided, AppealEvent, AppealedDecision } from './events';

export interface AppealState {
  status: 'none' | 'filed' | 'granted' | 'denied';
  appealId: string | null;
  certificantId: string | null;
  cycle: CycleName | null;
  certification: Certification | null;
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
  appealedDecision: null,
  documents: [],
  decision: null,
};

export function evolveAppeal(state: AppealState, event: AppealEvent): AppealState {
  switch (event.type) {
    case 'AppealFiled': {
      const { appealId, certificantId, cycle, certification, appealedDecision } = event.data;
      return { ...state, status: 'filed', appealId, certificantId, cycle, certification, appealedDecision };
    }
    case 'AppealDocumentReceived':
      return { ...state, documents: [...state.documents, { kind: event.data.kind, reference: event.data.reference }] };
    case 'AppealDecided':
      return { ...state, status: event.data.decision, decision: event.data };
  }
}
