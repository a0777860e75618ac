export {
  CertificantHistoryEntity,
  CertificantHistoryTables1764300000001,
  HistorySubjectEntity,
  certificantHistoryProjection,
  certificantOfEvent,
  projectHistory,
  type CertificantHistoryRow,
  type HistorySubjectRow,
} from './certificant-history.projection';
export { summaryOf } from './history-summary';
