export { AuditQueueEntity, AuditQueueTable1764100000000, auditQueueProjection, projectAuditQueue, type AuditQueueRow } from './audit-queue.projection';
