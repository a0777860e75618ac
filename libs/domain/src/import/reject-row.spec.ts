import { expectImport, rejected, started } from './fixtures';

const reject = { type: 'RejectRow' as const, importId: 'i-1', row: 2, code: 'CERTIFICANT_UNKNOWN', message: 'No certificant has the member id 999.' };

describe('RejectRow', () => {
  it('records the code and the sentence of a refused row', () => {
    expectImport.given([started()]).when(reject).then([rejected()]);
  });
  it('refuses rows after the import completed', () => {
    expectImport
      .given([started(1), { type: 'ImportCompleted', data: { importId: 'i-1', completedOn: '2025-03-01', totalRows: 1, acceptedRows: 0, duplicateRows: 0, rejectedRows: 0 } }])
      .when({ ...reject, row: 1 })
      .thenThrows('IMPORT_NOT_RUNNING');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectImport.given([started(), rejected()]).when(reject).thenNothing();
  });
});
