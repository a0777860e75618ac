import type { Projection } from '@recert/read-models';
import type { EntitySchema } from 'typeorm';
import { AppealsQueueEntity, AppealsQueueTable1764100000001, appealsQueueProjection } from '../../../../libs/read-models/src/appeals-queue';
import { AuditQueueEntity, AuditQueueTable1764100000000, auditQueueProjection } from '../../../../libs/read-models/src/audit-queue';
import {
  CertificateReadinessTables1764100000002,
  ReadinessCertificantEntity,
  ReadinessCycleEntity,
  certificateReadinessProjection,
} from '../../../../libs/read-models/src/certificate-readiness';
import { CertificateEntity, CertificatesTable1764500000000, certificatesProjection } from '../../../../libs/read-models/src/certificates';
import { CertificantHistoryEntity, CertificantHistoryTables1764300000001, HistorySubjectEntity, certificantHistoryProjection } from '../../../../libs/read-models/src/certificant-history';
import { CertificantSearchEntity, CertificantSearchTable1764300000000, certificantSearchProjection } from '../../../../libs/read-models/src/certificant-search';
import { CycleStatusCertificantEntity, CycleStatusCycleEntity, CycleStatusEntity, CycleStatusTables1764200000000, cycleStatusProjection } from '../../../../libs/read-models/src/cycle-status';
import { StaffAccountEntity, StaffAccountsTable1764400000002, staffAccountsProjection } from '../../../../libs/read-models/src/staff-accounts';

/**
 * Every read model the app serves: its projection, its entities and its migrations. Add a read
 * model here, one line in each list, and the api, the worker and rebuilds all pick it up.
 */
export const READ_MODEL_PROJECTIONS: Projection[] = [
  auditQueueProjection, appealsQueueProjection, certificateReadinessProjection,
  cycleStatusProjection,
  certificantSearchProjection, certificantHistoryProjection,
  staffAccountsProjection,
  certificatesProjection,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const READ_MODEL_ENTITIES: Array<Function | EntitySchema> = [
  AuditQueueEntity, AppealsQueueEntity, ReadinessCertificantEntity, ReadinessCycleEntity,
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
];
