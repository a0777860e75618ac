import { Inject, Injectable } from '@nestjs/common';
import { policyFor, type CycleFacts, type CycleName } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { CycleStreams } from '../audits/cycle-streams';
import { DATA_SOURCE } from '../database/tokens';
import { type CycleRecords } from '@recert/domain';

/**
 * A certificant's cycle for a command: the certificant, this cycle, merged accounts' cycles and
 * the previous cycle are read from the streams (CycleStreams); the audit fact, which lives on an
 * audit stream found only through a draw, comes from the cycle-status read model.
 */
@Injectable()
export class CycleRecordsReader {
  constructor(
    private readonly streams: CycleStreams,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /** 404 CYCLE_NOT_FOUND for a cycle without a policy, 404 CERTIFICANT_NOT_FOUND for an unknown id. */
  async read(certificantId: string, cycle: CycleName): Promise<CycleRecords> {
    policyFor(cycle);
    // The read model's row and the streams are read at the same time.
    return this.streams.records(certificantId, cycle, this.audit(certificantId, cycle));
  }

  private async audit(certificantId: string, cycle: CycleName): Promise<CycleFacts['audit']> {
    const rows: Array<{ audit: CycleFacts['audit'] }> = await this.dataSource.query(
      'SELECT audit FROM cycle_status_cycles WHERE certificant_id = $1 AND cycle = $2',
      [certificantId, cycle],
    );
    return rows[0]?.audit ?? null;
  }
}

/** The position a command answers with (api.md Conventions). */
export function positionOf(outcome: { position: { globalPosition: bigint | number | string } | null }): number | null {
  return outcome.position ? Number(outcome.position.globalPosition) : null;
}
