export {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  CycleStatusCyclesByCycle1764600000000,
  CycleStatusFactsNotStored1764600000002,
  CycleStatusTables1764200000000,
  type CycleStatusCertificantRow,
  type CycleStatusCycleRow,
  type CycleStatusRow,
} from './cycle-status.entities';
export {
  cycleStatusProjection,
  projectCycleStatusCertificant,
  projectCycleStatusCycle,
} from './cycle-status.projection';
export { readCycleStatusRecord, type CycleStatusRecord } from './cycle-status.read';
export { cycleRecordsFrom, cycleRowLookup, type CycleRowLookup } from './cycle-records';
