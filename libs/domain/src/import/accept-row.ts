import { rowIsNew, type AcceptRow } from './commands';
import type { ImportRowAccepted } from './events';
import type { ImportState } from './state';

/** The row's activity is reported on its cycle stream by the handler, with the row's externalRef. */
export function acceptRow(command: AcceptRow, state: ImportState): ImportRowAccepted[] {
  if (!rowIsNew(command, state)) return [];
  const { importId, row, certificantId, cycle, activityId } = command;
  return [{ type: 'ImportRowAccepted', data: { importId, row, certificantId, cycle, activityId } }];
}
