import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { cycleStatusOfRecords, cycleStatusView, policyFor, type CycleStatusView } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { readCycleStatusRecord } from '@recert/read-models';
import { Clock } from '../../clock/clock';
import { DATA_SOURCE } from '../../database/tokens';

/**
 * `GET /certificants/:id/cycles/:cycle`: the folded states the cycle-status projection keeps (the
 * certificant, the cycle, the previous cycle, merged accounts' cycles), judged by `cycleStatus` as
 * of today, so a deadline passing shows without an event.
 */
@Injectable()
export class CycleStatusQuery {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(certificantId: string, cycle: string): Promise<CycleStatusView> {
    policyFor(cycle);
    const { records } = await readCycleStatusRecord(this.dataSource, certificantId, cycle);
    if (!records || records.certificant.status === 'unregistered') {
      throw new NotFoundException({ code: 'CERTIFICANT_NOT_FOUND', message: `There is no certificant ${certificantId}.` });
    }
    return cycleStatusView(cycleStatusOfRecords(records, this.clock.today()), certificantId);
  }
}
