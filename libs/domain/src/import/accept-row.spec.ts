import { accepted, expectImport, rejected, started } from './fixtures';

const accept = { type: 'AcceptRow' as const, importId: 'i-1', row: 1, certificantId: 'c-1', cycle: '2024-2026', activityId: 'a-1' };

describe('AcceptRow', () => {
  it('records the activity a row became', () => {
    expectImport.given([started()]).when(accept).then([accepted()]);
  });
  it('refuses a row beyond the file', () => {
    expectImport.given([started()]).when({ ...accept, row: 3 }).thenThrows('IMPORT_ROW_OUT_OF_RANGE');
  });
  it('refuses rows for an import not started', () => {
    expectImport.given([]).when(accept).thenThrows('IMPORT_NOT_STARTED');
  });
  it('changes nothing when the same row comes again, whatever its first outcome (idempotent)', () => {
    expectImport.given([started(), accepted()]).when({ ...accept, activityId: 'a-2' }).thenNothing();
    expectImport.given([started(), rejected(1)]).when(accept).thenNothing();
  });
});
