export {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusEntity,
  CycleStatusCyclesByCycle1764600000000,
  CycleStatusTables1764200000000,
  type CycleStatusCertificantRow,
  type CycleStatusCycleRow,
  type CycleStatusRow,
} from './cycle-status.entities';
export {
  cycleStatusProjection,
  emptyCycleRow,
  evaluateCycle,
  projectCycleStatusCertificant,
  projectCycleStatusCycle,
  type CycleEvaluation,
} from './cycle-status.projection';
export { readCycleStatusRecord, type CycleStatusRecord } from './cycle-status.read';
