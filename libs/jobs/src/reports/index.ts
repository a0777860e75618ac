export { reportToCsv, csvField } from './csv';
export { cyclesOnRecord, evaluateCycles, type CycleEvaluation } from './evaluate';
export { History, type AppealRecord, type AuditRecord, type CycleRecord } from './history';
export { buildReport, type BuildInput, type ReportBody } from './report-builders';
export {
  normaliseRequest,
  REPORT_TYPES,
  ReportRequestInvalid,
  type ReportCell,
  type ReportColumn,
  type ReportRequest,
  type ReportResult,
  type ReportType,
} from './report';
export { comparePositions, replayHistory, type Replay, type ReplayOptions } from './replay';
export { runReport, type RunReportOptions } from './run-report';
