import { refuse } from '../shared/errors';
import type { CertificantContext, MergeAccounts } from './commands';
import type { AccountsMerged } from './events';
import type { CertificantState } from './state';

/**
 * D1.3. The handler decides this command on the survivor's stream (with the duplicate's state
 * in context) and on the duplicate's stream; both get the same AccountsMerged. The survivor's
 * cycle status then reads its own cycle streams and the duplicate's (see `joinCycleStates`):
 * activity ids are unique, so nothing is counted twice and nothing is lost.
 */
export function mergeAccounts(command: MergeAccounts, state: CertificantState, context: CertificantContext): AccountsMerged[] {
  const { survivorId, duplicateId } = command;
  if (survivorId === duplicateId) {
    refuse('MERGE_SAME_ACCOUNT', 'An account cannot be merged into itself.', { survivorId });
  }
  const onDuplicateStream = state.certificantId === duplicateId;
  const survivor = onDuplicateStream ? undefined : state;
  const duplicate = onDuplicateStream ? state : context.duplicate;

  if (survivor?.mergedDuplicates.includes(duplicateId)) return [];
  if (onDuplicateStream && state.mergedInto === survivorId) return [];

  if (survivor && survivor.status !== 'registered') {
    refuse(
      survivor.status === 'merged' ? 'MERGE_ALREADY_MERGED' : 'CERTIFICANT_NOT_REGISTERED',
      survivor.status === 'merged'
        ? `Account ${survivorId} was itself merged into ${survivor.mergedInto}; merge into that account.`
        : `There is no certificant ${survivorId}.`,
      { survivorId },
    );
  }
  if (!duplicate || duplicate.status === 'unregistered') {
    refuse('MERGE_DUPLICATE_UNKNOWN', `There is no certificant ${duplicateId} to merge.`, { duplicateId });
  }
  if (duplicate.status === 'merged') {
    refuse('MERGE_ALREADY_MERGED', `Account ${duplicateId} was already merged into ${duplicate.mergedInto}.`, {
      duplicateId,
      mergedInto: duplicate.mergedInto,
    });
  }
  return [
    {
      type: 'AccountsMerged',
      data: {
        survivorId,
        duplicateId,
        mergedOn: command.mergedOn ?? context.today,
        duplicateCertifications: duplicate.certifications.map((held) => ({ ...held })),
        duplicateCprAed: duplicate.cprAed.map((card) => ({ ...card })),
      },
    },
  ];
}
