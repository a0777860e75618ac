import { Inject, Injectable } from '@nestjs/common';
import { fromTenths } from '@recert/domain';
import { MoreThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import { AuditQueueEntity, type AuditQueueRow } from '@recert/read-models';
import { DATA_SOURCE } from '../../database/tokens';
import { openedAudit } from '../audit-streams';
import { withCertificantNames } from '../certificant-names';
import { CycleStreams } from '../cycle-streams';

/** `GET /audits` from the audit queue read model; `GET /audits/:auditId` from the streams. */
@Injectable()
export class AuditQueries {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cycles: CycleStreams,
  ) {}

  async queue(filter: { status?: string; cycle?: string; limit: number; cursor?: string }) {
    const where: FindOptionsWhere<AuditQueueRow> = {
      ...(filter.status ? { status: filter.status as AuditQueueRow['status'] } : {}),
      ...(filter.cycle ? { cycle: filter.cycle } : {}),
      ...(filter.cursor ? { auditId: MoreThan(filter.cursor) } : {}),
    };
    const rows = await this.dataSource.getRepository(AuditQueueEntity).find({ where, order: { auditId: 'ASC' }, take: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    return {
      items: await withCertificantNames(this.dataSource, page.map(({ lastRevision: _, ...row }) => row)),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]!.auditId : null,
    };
  }

  /** The case (api.md): the activities under audit with their documents and verdicts (with reasons), the deadline, and why it closed. */
  async case(auditId: string) {
    const audit = await openedAudit(this.cycles, auditId);
    const records = await this.cycles.records(audit.certificantId!, audit.cycle!);
    const underAudit = new Set([...audit.requested, ...audit.noDocumentsNeeded, ...Object.keys(audit.verdicts)]);
    const activities = this.cycles
      .activities(records)
      .filter((activity) => underAudit.has(activity.activityId))
      .map((activity) => ({
        activityId: activity.activityId,
        activityType: activity.activityType,
        activityDate: activity.activityDate,
        title: activity.title,
        category: activity.category,
        ceus: fromTenths(activity.tenths),
        documentsRequested: audit.requested.includes(activity.activityId),
        documents: audit.documents.filter((document) => document.activityId === activity.activityId),
        verdict: audit.verdicts[activity.activityId]?.verdict ?? null,
        verdictReason: audit.verdicts[activity.activityId]?.reason ?? null,
        disallowed: activity.disallowed ?? null,
      }));
    return {
      auditId,
      certificantId: audit.certificantId,
      cycle: audit.cycle,
      status: audit.status,
      selectedOn: audit.selectedOn,
      respondBy: audit.respondBy,
      cprAedRequested: audit.cprAedRequested,
      activities,
      documents: audit.documents,
      verdicts: Object.entries(audit.verdicts).map(([activityId, verdict]) => ({ activityId, ...verdict })),
      closedOn: audit.closedOn,
      closedBy: audit.closedBy,
      /** D5.4: why it passed or failed; empty while open and when passed. */
      closeReasons: audit.closeReasons,
    };
  }
}
