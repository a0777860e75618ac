import { refuse } from '../shared/errors';
import type { CycleName } from '../shared/types';
import type { ImportState } from './state';

export type StartImport = { type: 'StartImport'; importId: string; kind: string; totalRows: number; fileName?: string };
export type AcceptRow = { type: 'AcceptRow'; importId: string; row: number; certificantId: string; cycle: CycleName; activityId: string };
export type RejectRow = { type: 'RejectRow'; importId: string; row: number; code: string; message: string };
export type MarkDuplicate = { type: 'MarkDuplicate'; importId: string; row: number; certificantId: string; duplicateOf: string; reason: string };
export type CompleteImport = { type: 'CompleteImport'; importId: string };
export type RevertImport = { type: 'RevertImport'; importId: string; reason: string };

export type ImportCommand = StartImport | AcceptRow | RejectRow | MarkDuplicate | CompleteImport | RevertImport;
export type RowCommand = AcceptRow | RejectRow | MarkDuplicate;

/**
 * The common part of AcceptRow, RejectRow and MarkDuplicate. Returns false when the row already
 * has an outcome: a retried job sends rows again, and they change nothing.
 */
export function rowIsNew(command: RowCommand, state: ImportState): boolean {
  if (state.status === 'none') refuse('IMPORT_NOT_STARTED', `Import ${command.importId} has not been started.`);
  if (state.rows[command.row] !== undefined) return false;
  if (state.status !== 'running') {
    refuse('IMPORT_NOT_RUNNING', `Import ${command.importId} is ${state.status}; it takes no more rows.`, { status: state.status });
  }
  if (!Number.isInteger(command.row) || command.row < 1 || command.row > state.totalRows) {
    refuse('IMPORT_ROW_OUT_OF_RANGE', `Row ${command.row} is not between 1 and ${state.totalRows}.`, { row: command.row });
  }
  return true;
}
