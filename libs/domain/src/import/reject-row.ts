import { rowIsNew, type RejectRow } from './commands';
import type { ImportRowRejected } from './events';
import type { ImportState } from './state';

/** The code and sentence come from the refusal that stopped the row (e.g. ACTIVITY_OUTSIDE_CYCLE). */
export function rejectRow(command: RejectRow, state: ImportState): ImportRowRejected[] {
  if (!rowIsNew(command, state)) return [];
  const { importId, row, code, message } = command;
  return [{ type: 'ImportRowRejected', data: { importId, row, code, message } }];
}
