import { Inject, Injectable } from '@nestjs/common';
import { decidesWithoutAudit, policyFor, type CycleCommand, type CycleFacts, type CycleName } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { Coalescer } from '@recert/event-store';
import { namedQuery } from '@recert/read-models';
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
  private readonly audits = new Coalescer<{ certificantId: string; cycle: CycleName }, CycleFacts['audit']>((keys) => this.auditsOf(keys));

  constructor(
    private readonly streams: CycleStreams,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  /**
   * 404 CYCLE_NOT_FOUND for a cycle without a policy, 404 CERTIFICANT_NOT_FOUND for an unknown id.
   * For a `command` that decides without the audit (`decidesWithoutAudit`: reporting an activity),
   * the audit fact is not read (null): one query fewer on the busiest command.
   */
  async read(certificantId: string, cycle: CycleName, command?: CycleCommand): Promise<CycleRecords> {
    policyFor(cycle);
    if (command && decidesWithoutAudit(command)) return this.streams.records(certificantId, cycle, null);
    // The read model's row and the streams are read at the same time.
    return this.streams.records(certificantId, cycle, this.audits.call({ certificantId, cycle }));
  }

  /**
   * Concurrent commands' audit facts in one query (natural batching, ADR 7); one command's alone
   * by a named statement on the primary key (planned once per connection, as the idempotency claim).
   */
  private async auditsOf(keys: Array<{ certificantId: string; cycle: CycleName }>): Promise<Array<CycleFacts['audit']>> {
    if (keys.length === 1) {
      const { rows } = await namedQuery<{ audit: CycleFacts['audit'] }>(
        this.dataSource,
        'recert-cycle-audit-fact',
        'SELECT audit FROM cycle_status_cycles WHERE certificant_id = $1 AND cycle = $2',
        [keys[0].certificantId, keys[0].cycle],
      );
      return [rows[0]?.audit ?? null];
    }
    const rows: Array<{ certificant_id: string; cycle: string; audit: CycleFacts['audit'] }> = await this.dataSource.query(
      `SELECT c.certificant_id, c.cycle, c.audit FROM cycle_status_cycles c
         JOIN unnest($1::text[], $2::text[]) AS k(certificant_id, cycle) USING (certificant_id, cycle)`,
      [keys.map((k) => k.certificantId), keys.map((k) => k.cycle)],
    );
    const found = new Map(rows.map((row) => [`${row.certificant_id} ${row.cycle}`, row.audit]));
    return keys.map((k) => found.get(`${k.certificantId} ${k.cycle}`) ?? null);
  }
}

/** The position a command answers with (api.md Conventions). */
export function positionOf(outcome: { position: { globalPosition: bigint | number | string } | null }): number | null {
  return outcome.position ? Number(outcome.position.globalPosition) : null;
}
