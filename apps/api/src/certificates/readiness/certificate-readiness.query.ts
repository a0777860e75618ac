import { Inject, Injectable } from '@nestjs/common';
import { certificateReadiness, policyFor, type Blocker, type CycleName, type CycleStatus } from '@recert/domain';
import { In, MoreThan, MoreThanOrEqual, Not, IsNull, type DataSource, type FindOptionsWhere } from 'typeorm';
import { CycleStatusCertificantEntity, CycleStatusCycleEntity, cycleRecordsFrom, cycleRowLookup, type CycleStatusCycleRow } from '@recert/read-models';
import { Clock } from '../../clock/clock';
import { DATA_SOURCE } from '../../database/tokens';
import { cycleStatusOfRecords, previousCycleOf } from '@recert/domain';

export interface ReadinessItem {
  certificantId: string;
  certification: string;
  status: string;
  ready: boolean;
  reasons: Blocker[];
}

/**
 * D7.1, D5.5: who is ready for a certificate in a cycle. The cycle-status read model keeps the
 * folded states (ADR 10: readiness has no copy of its own); the status and the readiness are the
 * domain's (`cycleStatus`, `certificateReadiness`), as of today. The population is the cycle's
 * rows that an event of the cycle or of an audit of it wrote (cycle status also keeps a row for
 * the current cycle of every certified certificant, to judge it; those have nothing to judge yet).
 */
@Injectable()
export class CertificateReadinessQuery {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(cycle: CycleName, limit: number, cursor?: string): Promise<{ items: ReadinessItem[]; nextCursor: string | null }> {
    policyFor(cycle);
    const rows = await this.dataSource.getRepository(CycleStatusCycleEntity).find({
      where: withEvents({ cycle, ...(cursor ? { certificantId: MoreThan(cursor) } : {}) }),
      order: { certificantId: 'ASC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const statuses = await this.statuses(cycle, page);
    const items = statuses.flatMap(({ certificantId, status }) =>
      status.certifications.map((held) => ({
        certificantId,
        certification: held.certification,
        status: held.status,
        ...certificateReadiness(status, held.certification),
      })),
    );
    return { items, nextCursor: rows.length > limit ? page[page.length - 1]!.certificantId : null };
  }

  /** D5.1: the population of an audit draw, those who completed the cycle. */
  async completers(cycle: CycleName): Promise<string[]> {
    const rows = await this.dataSource.getRepository(CycleStatusCycleEntity).find({ where: withEvents({ cycle }), order: { certificantId: 'ASC' } });
    const statuses = await this.statuses(cycle, rows);
    return statuses
      .filter(({ status }) => status.certifications.some((c) => c.required && (c.status === 'Complete' || c.status === 'CompleteLate')))
      .map(({ certificantId }) => certificantId);
  }

  /** Every registered certificant's status in the cycle, today (what issuance decides on). */
  async allStatuses(cycle: CycleName): Promise<{ certificantId: string; status: CycleStatus }[]> {
    const rows = await this.dataSource.getRepository(CycleStatusCycleEntity).find({ where: withEvents({ cycle }), order: { certificantId: 'ASC' } });
    return this.statuses(cycle, rows);
  }

  private async statuses(cycle: CycleName, rows: CycleStatusCycleRow[]): Promise<{ certificantId: string; status: CycleStatus }[]> {
    if (rows.length === 0) return [];
    const certificants = await this.dataSource
      .getRepository(CycleStatusCertificantEntity)
      .findBy({ certificantId: In(rows.map((row) => row.certificantId)) });
    const byId = new Map(certificants.map((c) => [c.certificantId, c.state]));
    const duplicates = certificants.flatMap((c) => c.state.mergedDuplicates);
    const previousCycle = previousCycleOf(cycle);
    const related = await this.dataSource.getRepository(CycleStatusCycleEntity).find({
      where: [
        ...(duplicates.length > 0 ? [{ cycle, certificantId: In(duplicates) }] : []),
        ...(previousCycle ? [{ cycle: previousCycle, certificantId: In(rows.map((row) => row.certificantId)) }] : []),
      ],
    });
    const rowOf = cycleRowLookup([...rows, ...related]);
    const today = this.clock.today();
    return rows.flatMap((row) => {
      const certificant = byId.get(row.certificantId);
      // D1.3: a merged-away account's cycle is read with its survivor's.
      if (!certificant || certificant.status !== 'registered') return [];
      const status = cycleStatusOfRecords(cycleRecordsFrom(certificant, row.certificantId, cycle, rowOf), today);
      return [{ certificantId: row.certificantId, status }];
    });
  }
}

/** The rows a cycle or audit event wrote: a cycle event sets `lastRevision`, an audit event `audit`. */
function withEvents(where: FindOptionsWhere<CycleStatusCycleRow>): FindOptionsWhere<CycleStatusCycleRow>[] {
  return [
    { ...where, lastRevision: MoreThanOrEqual(0) },
    { ...where, audit: Not(IsNull()) },
  ];
}
