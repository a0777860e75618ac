import type { CycleName } from '../shared/types';
import type { ImportEvent, ImportKind } from './events';

export type RowOutcome =
  | { outcome: 'accepted'; certificantId: string; cycle: CycleName; activityId: string }
  | { outcome: 'duplicate'; duplicateOf: string }
  | { outcome: 'rejected'; code: string; message: string };

export interface ImportState {
  status: 'none' | 'running' | 'completed' | 'reverted';
  importId: string | null;
  kind: ImportKind | null;
  totalRows: number;
  /** Row number -> outcome. A row has one outcome, whatever a retried job sends again. */
  rows: Record<number, RowOutcome>;
}

export const initialImportState: ImportState = { status: 'none', importId: null, kind: null, totalRows: 0, rows: {} };

export function evolveImport(state: ImportState, event: ImportEvent): ImportState {
  switch (event.type) {
    case 'ImportStarted':
      return { ...state, status: 'running', importId: event.data.importId, kind: event.data.kind, totalRows: event.data.totalRows };
    case 'ImportRowAccepted': {
      const { row, certificantId, cycle, activityId } = event.data;
      return { ...state, rows: { ...state.rows, [row]: { outcome: 'accepted', certificantId, cycle, activityId } } };
    }
    case 'ImportRowMarkedDuplicate':
      return { ...state, rows: { ...state.rows, [event.data.row]: { outcome: 'duplicate', duplicateOf: event.data.duplicateOf } } };
    case 'ImportRowRejected': {
      const { row, code, message } = event.data;
      return { ...state, rows: { ...state.rows, [row]: { outcome: 'rejected', code, message } } };
    }
    case 'ImportCompleted':
      return { ...state, status: 'completed' };
    case 'ImportReverted':
      return { ...state, status: 'reverted' };
  }
}

export function importTotals(state: ImportState) {
  const outcomes = Object.values(state.rows);
  return {
    totalRows: state.totalRows,
    processedRows: outcomes.length,
    acceptedRows: outcomes.filter((row) => row.outcome === 'accepted').length,
    duplicateRows: outcomes.filter((row) => row.outcome === 'duplicate').length,
    rejectedRows: outcomes.filter((row) => row.outcome === 'rejected').length,
  };
}
