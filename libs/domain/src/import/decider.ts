import type { Decider, DecisionContext } from '../shared/decider';
import { acceptRow } from './accept-row';
import type { ImportCommand } from './commands';
import { completeImport } from './complete-import';
import type { ImportEvent } from './events';
import { markDuplicate } from './mark-duplicate';
import { rejectRow } from './reject-row';
import { revertImport } from './revert-import';
import { startImport } from './start-import';
import { evolveImport, initialImportState, type ImportState } from './state';

export const importDecider: Decider<ImportCommand, ImportEvent, ImportState, DecisionContext> = {
  initialState: initialImportState,
  evolve: evolveImport,
  decide(command, state, context): ImportEvent[] {
    switch (command.type) {
      case 'StartImport':
        return startImport(command, state, context);
      case 'AcceptRow':
        return acceptRow(command, state);
      case 'RejectRow':
        return rejectRow(command, state);
      case 'MarkDuplicate':
        return markDuplicate(command, state);
      case 'CompleteImport':
        return completeImport(command, state, context);
      case 'RevertImport':
        return revertImport(command, state, context);
    }
  },
};
