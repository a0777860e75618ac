import fc from 'fast-check';
import { replay, runLive } from '../testing/given-when-then';
import { staffContext } from '../testing/fixtures';
import type { ImportCommand } from './commands';
import { importDecider } from './decider';
import { accepted, expectImport, rejected, started } from './fixtures';

const revert = { type: 'RevertImport' as const, importId: 'i-1', reason: 'wrong event file' };

describe('RevertImport', () => {
  it('lists every activity the import recorded, to be withdrawn', () => {
    expectImport
      .given([started(), accepted(1, 'a-1'), rejected(2)])
      .when(revert)
      .then([
        {
          type: 'ImportReverted',
          data: {
            importId: 'i-1',
            reason: 'wrong event file',
            revertedOn: '2025-03-01',
            revertedBy: 'staff-1',
            activities: [{ certificantId: 'c-1', cycle: '2024-2026', activityId: 'a-1' }],
          },
        },
      ]);
  });
  it('refuses a revert without a reason', () => {
    expectImport.given([started()]).when({ ...revert, reason: ' ' }).thenThrows('IMPORT_REVERT_REASON_REQUIRED');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectImport
      .given([started(), { type: 'ImportReverted', data: { importId: 'i-1', reason: 'x', revertedOn: '2025-03-01', revertedBy: 'staff-1', activities: [] } }])
      .when(revert)
      .thenNothing();
  });
});

describe('import replay', () => {
  const row = fc.integer({ min: 0, max: 4 });
  const command: fc.Arbitrary<ImportCommand> = fc.oneof(
    fc.constant<ImportCommand>({ type: 'StartImport', importId: 'i-1', kind: 'quiz', totalRows: 3 }),
    row.map<ImportCommand>((n) => ({ type: 'AcceptRow', importId: 'i-1', row: n, certificantId: 'c-1', cycle: '2024-2026', activityId: `a-${n}` })),
    row.map<ImportCommand>((n) => ({ type: 'RejectRow', importId: 'i-1', row: n, code: 'X', message: 'x' })),
    row.map<ImportCommand>((n) => ({ type: 'MarkDuplicate', importId: 'i-1', row: n, certificantId: 'c-1', duplicateOf: 'a-9', reason: 'x' })),
    fc.constant<ImportCommand>({ type: 'CompleteImport', importId: 'i-1' }),
    fc.constant<ImportCommand>(revert),
  );
  it('folding the recorded events again gives the live state, and a row has one outcome', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 15 }), (commands) => {
        const live = runLive(importDecider, commands, staffContext);
        expect(replay(importDecider, live.events)).toEqual(live.state);
        const rows = live.events.flatMap((event) => ('row' in event.data ? [event.data.row] : []));
        expect(new Set(rows).size).toBe(rows.length);
      }),
      { numRuns: 200 },
    );
  });
});
