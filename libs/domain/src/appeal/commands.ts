import type { CyclePolicy } from '../policy/policy';
import type { DecisionContext } from '../shared/decider';
import type { BusinessDate, CycleName } from '../shared/types';
import type { AppealedDecision, AppealKind, AppealRemedy } from './events';

export type FileAppeal = {
  type: 'FileAppeal';
  appealId: string;
  certificantId: string;
  cycle: CycleName;
  certification?: string;
  kind?: AppealKind;
  grounds: string;
  statement: string;
  appealedDecision?: AppealedDecision;
  filedOn?: BusinessDate;
};
export type ReceiveAppealDocument = { type: 'ReceiveAppealDocument'; appealId: string; kind: string; reference: string; receivedOn?: BusinessDate };
export type DecideAppeal = {
  type: 'DecideAppeal';
  appealId: string;
  decision: 'granted' | 'denied';
  remedy?: AppealRemedy;
  rationale: string;
  decidedOn?: BusinessDate;
};

export type AppealCommand = FileAppeal | ReceiveAppealDocument | DecideAppeal;

export interface AppealContext extends DecisionContext {
  /** The policy of the appealed cycle. */
  policy: CyclePolicy;
}
