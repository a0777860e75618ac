import type { DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { CompleteImport } from './commands';
import type { ImportCompleted } from './events';
import { importTotals, type ImportState } from './state';

export function completeImport(command: CompleteImport, state: ImportState, context: DecisionContext): ImportCompleted[] {
  if (state.status === 'none') refuse('IMPORT_NOT_STARTED', `Import ${command.importId} has not been started.`);
  if (state.status !== 'running') return [];
  const totals = importTotals(state);
  if (totals.processedRows < totals.totalRows) {
    refuse('IMPORT_ROWS_OUTSTANDING', `${totals.totalRows - totals.processedRows} of ${totals.totalRows} rows have no outcome yet.`, totals);
  }
  const { totalRows, acceptedRows, duplicateRows, rejectedRows } = totals;
  return [
    { type: 'ImportCompleted', data: { importId: command.importId, completedOn: context.today, totalRows, acceptedRows, duplicateRows, rejectedRows } },
  ];
}
