import { expectImport, started } from './fixtures';

const mark = { type: 'MarkDuplicate' as const, importId: 'i-1', row: 1, certificantId: 'c-1', duplicateOf: 'a-7', reason: 'external reference EV-12 already recorded' };
const marked = { type: 'ImportRowMarkedDuplicate' as const, data: { importId: 'i-1', row: 1, certificantId: 'c-1', duplicateOf: 'a-7', reason: 'external reference EV-12 already recorded' } };

describe('MarkDuplicate', () => {
  it('D3.16 a row naming an activity already on record is marked duplicate, not counted', () => {
    expectImport.given([started()]).when(mark).then([marked]);
  });
  it('refuses a row number that is not a row of the file', () => {
    expectImport.given([started()]).when({ ...mark, row: 0 }).thenThrows('IMPORT_ROW_OUT_OF_RANGE');
  });
  it('changes nothing when repeated (idempotent)', () => {
    expectImport.given([started(), marked]).when(mark).thenNothing();
  });
});
