import type { Decider } from '../shared/decider';
import type { AppealCommand, AppealContext } from './commands';
import { decideAppeal } from './decide-appeal';
import type { AppealEvent } from './events';
import { fileAppeal } from './file-appeal';
import { receiveAppealDocument } from './receive-appeal-document';
import { evolveAppeal, initialAppealState, type AppealState } from './state';

export const appealDecider: Decider<AppealCommand, AppealEvent, AppealState, AppealContext> = {
  initialState: initialAppealState,
  evolve: evolveAppeal,
  decide(command, state, context): AppealEvent[] {
    switch (command.type) {
      case 'FileAppeal':
        return fileAppeal(command, state, context);
      case 'ReceiveAppealDocument':
        return receiveAppealDocument(command, state, context);
      case 'DecideAppeal':
        return decideAppeal(command, state, context);
    }
  },
};
