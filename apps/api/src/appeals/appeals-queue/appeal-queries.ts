import { Inject, Injectable } from '@nestjs/common';
import { MoreThan, type DataSource, type FindOptionsWhere } from 'typeorm';
import { AppealsQueueEntity, type AppealsQueueRow } from '@recert/read-models';
import { CycleStreams } from '../../audits/cycle-streams';
import { withCertificantNames } from '../../audits/certificant-names';
import { DATA_SOURCE } from '../../database/tokens';
import { filedAppeal } from '../appeal-streams';

/** `GET /appeals` from the appeals queue read model; `GET /appeals/:appealId` from the stream. */
@Injectable()
export class AppealQueries {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cycles: CycleStreams,
  ) {}

  /** `certificantId` is served by the queue's (certificant_id, cycle) index. */
  async queue(filter: { status?: string; cycle?: string; certificantId?: string; limit: number; cursor?: string }) {
    const where: FindOptionsWhere<AppealsQueueRow> = {
      ...(filter.status ? { status: filter.status as AppealsQueueRow['status'] } : {}),
      ...(filter.cycle ? { cycle: filter.cycle } : {}),
      ...(filter.certificantId ? { certificantId: filter.certificantId } : {}),
      ...(filter.cursor ? { appealId: MoreThan(filter.cursor) } : {}),
    };
    const rows = await this.dataSource.getRepository(AppealsQueueEntity).find({ where, order: { appealId: 'ASC' }, take: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    return {
      items: await withCertificantNames(this.dataSource, page.map(({ lastRevision: _, ...row }) => row)),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]!.appealId : null,
    };
  }

  async appeal(appealId: string) {
    const appeal = await filedAppeal(this.cycles, appealId);
    return {
      appealId,
      certificantId: appeal.certificantId,
      cycle: appeal.cycle,
      certification: appeal.certification,
      kind: appeal.kind,
      grounds: appeal.grounds,
      statement: appeal.statement,
      filedOn: appeal.filedOn,
      status: appeal.status,
      appealedDecision: appeal.appealedDecision,
      documents: appeal.documents,
      decision: appeal.decision,
    };
  }
}
