import { rowIsNew, type MarkDuplicate } from './commands';
import type { ImportRowMarkedDuplicate } from './events';
import type { ImportState } from './state';

/** D3.16: the same external reference or event is never counted twice. */
export function markDuplicate(command: MarkDuplicate, state: ImportState): ImportRowMarkedDuplicate[] {
  if (!rowIsNew(command, state)) return [];
  const { importId, row, certificantId, duplicateOf, reason } = command;
  return [{ type: 'ImportRowMarkedDuplicate', data: { importId, row, certificantId, duplicateOf, reason } }];
}
