export {
  CERTIFICANT_SEARCH_TABLE,
  InMemoryCertificantDirectory,
  SqlCertificantDirectory,
  type CertificantDirectory,
  type DirectoryEntry,
  type DirectoryMatches,
  type SqlDirectoryTable,
} from './certificant-directory';
export { ImportLedger, type AcceptedActivity, type ImportTotals } from './import-ledger';
export { readImportRow, type ImportActivityRow, type RowIdentity, type RowRefusal } from './import-row';
export { ImportFileUnreadable, openSource, type ImportRowFields, type ImportSource, type OpenedSource, type SourceRow } from './import-source';
export { importStatus, type ImportStatus } from './import-status';
export { revertImport, type RevertImportRequest, type RevertImportResult } from './revert-import';
export {
  ImportSourceChanged,
  runImport,
  type ImportClock,
  type ImportDeps,
  type ImportProgress,
  type ImportResult,
  type RowResult,
  type RunImportOptions,
  type RunImportRequest,
} from './run-import';
