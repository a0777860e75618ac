import { accepted, expectImport, rejected, started } from './fixtures';

const complete = { type: 'CompleteImport' as const, importId: 'i-1' };
const completed = {
  type: 'ImportCompleted' as const,
  data: { importId: 'i-1', completedOn: '2025-03-01', totalRows: 2, acceptedRows: 1, duplicateRows: 0, rejectedRows: 1 },
};

describe('CompleteImport', () => {
  it('records the totals once every row has an outcome', () => {
    expectImport.given([started(), accepted(), rejected()]).when(complete).then([completed]);
  });
  it('refuses while rows have no outcome', () => {
    expectImport.given([started(), accepted()]).when(complete).thenThrows('IMPORT_ROWS_OUTSTANDING');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectImport.given([started(), accepted(), rejected(), completed]).when(complete).thenNothing();
  });
});
