import { actorId, type DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { StartImport } from './commands';
import { IMPORT_KINDS, type ImportKind, type ImportStarted } from './events';
import type { ImportState } from './state';

export function startImport(command: StartImport, state: ImportState, context: DecisionContext): ImportStarted[] {
  if (state.status !== 'none') return [];
  if (!(IMPORT_KINDS as readonly string[]).includes(command.kind)) {
    refuse('IMPORT_KIND_UNKNOWN', `"${command.kind}" is not an import kind: expected one of ${IMPORT_KINDS.join(', ')}.`);
  }
  if (!Number.isInteger(command.totalRows) || command.totalRows < 1) {
    refuse('IMPORT_EMPTY', 'The import has no rows.', { totalRows: command.totalRows });
  }
  return [
    {
      type: 'ImportStarted',
      data: {
        importId: command.importId,
        kind: command.kind as ImportKind,
        totalRows: command.totalRows,
        fileName: command.fileName ?? null,
        startedOn: context.today,
        startedBy: actorId(context.actor),
      },
    },
  ];
}
