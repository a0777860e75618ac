import { actorId, type DecisionContext } from '../shared/decider';
import { refuse } from '../shared/errors';
import type { RevertImport } from './commands';
import type { ImportReverted } from './events';
import type { ImportState } from './state';

/**
 * Withdraws every activity the import recorded: this event lists them, and the handler appends
 * ActivityWithdrawn (with the import id) to each cycle stream. History is kept, never deleted.
 */
export function revertImport(command: RevertImport, state: ImportState, context: DecisionContext): ImportReverted[] {
  if (state.status === 'none') refuse('IMPORT_NOT_STARTED', `Import ${command.importId} has not been started.`);
  if (state.status === 'reverted') return [];
  if (!command.reason.trim()) refuse('IMPORT_REVERT_REASON_REQUIRED', 'Say why the import is reverted.');
  const activities = Object.values(state.rows).flatMap((row) =>
    row.outcome === 'accepted' ? [{ certificantId: row.certificantId, cycle: row.cycle, activityId: row.activityId }] : [],
  );
  return [
    {
      type: 'ImportReverted',
      data: { importId: command.importId, reason: command.reason.trim(), revertedOn: context.today, revertedBy: actorId(context.actor), activities },
    },
  ];
}
