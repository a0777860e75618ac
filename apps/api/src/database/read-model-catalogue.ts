import type { Projection } from '@recert/read-models';
import type { EntitySchema } from 'typeorm';
import { AppealsQueueEntity, AppealsQueueTable1764100000001, appealsQueueProjection } from '@recert/read-models';
import { AuditQueueEntity, AuditQueueTable1764100000000, auditQueueProjection } from '@recert/read-models';
import { CertificateReadinessTables1764100000002, DropCertificateReadinessTables1764600000001 } from '@recert/read-models';
import { CertificateEntity, CertificatesTable1764500000000, certificatesProjection } from '@recert/read-models';
import { CertificantHistoryEntity, CertificantHistoryTables1764300000001, HistorySubjectEntity, certificantHistoryProjection } from '@recert/read-models';
import { CertificantSearchEntity, CertificantSearchTable1764300000000, certificantSearchProjection } from '@recert/read-models';
import {
  CycleStatusCertificantEntity,
  CycleStatusCycleEntity,
  CycleStatusCyclesByCycle1764600000000,
  CycleStatusEntity,
  CycleStatusFactsNotStored1764600000002,
  CycleStatusTables1764200000000,
  cycleStatusProjection,
} from '@recert/read-models';
import { StaffAccountEntity, StaffAccountsTable1764400000002, staffAccountsProjection } from '@recert/read-models';

/**
 * Every read model the app serves: its projection, its entities and its migrations. Add a read
 * model here, one line in each list, and the api, the worker and rebuilds all pick it up.
 * Certificate readiness has no projection of its own: it reads cycle status's tables (ADR 10).
 */
export const READ_MODEL_PROJECTIONS: Projection[] = [
  auditQueueProjection, appealsQueueProjection,
  cycleStatusProjection,
  certificantSearchProjection, certificantHistoryProjection,
  staffAccountsProjection,
  certificatesProjection,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_ENTITIES: Array<Function | EntitySchema> = [
  AuditQueueEntity, AppealsQueueEntity,
  CycleStatusEntity, CycleStatusCycleEntity, CycleStatusCertificantEntity,
  CertificantSearchEntity, CertificantHistoryEntity, HistorySubjectEntity,
  StaffAccountEntity,
  CertificateEntity,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_MIGRATIONS: Function[] = [
  AuditQueueTable1764100000000, AppealsQueueTable1764100000001, CertificateReadinessTables1764100000002,
  CycleStatusTables1764200000000,
  CertificantSearchTable1764300000000, CertificantHistoryTables1764300000001,
  StaffAccountsTable1764400000002,
  CertificatesTable1764500000000,
  CycleStatusCyclesByCycle1764600000000, DropCertificateReadinessTables1764600000001, CycleStatusFactsNotStored1764600000002,
];
