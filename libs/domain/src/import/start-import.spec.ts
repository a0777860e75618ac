import { expectImport, started } from './fixtures';

const start = { type: 'StartImport' as const, importId: 'i-1', kind: 'event-attendance', totalRows: 2, fileName: 'conference.csv' };

describe('StartImport', () => {
  it('starts an import of a kind with its row count', () => {
    expectImport.given([]).when(start).then([started()]);
  });
  it('refuses an unknown kind', () => {
    expectImport.given([]).when({ ...start, kind: 'payments' }).thenThrows('IMPORT_KIND_UNKNOWN');
  });
  it('refuses an import without rows', () => {
    expectImport.given([]).when({ ...start, totalRows: 0 }).thenThrows('IMPORT_EMPTY');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectImport.given([started()]).when(start).thenNothing();
  });
});
