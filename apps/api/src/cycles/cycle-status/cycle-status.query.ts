import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { cycleStatus, cycleStatusView, policyFor, type CycleStatusView } from '@recert/domain';
import type { DataSource } from 'typeorm';
import { emptyCycleRow, evaluateCycle, readCycleStatusRecord } from '@recert/read-models';
import { Clock } from '../../clock/clock';
import { DATA_SOURCE } from '../../database/tokens';

/**
 * `GET /certificants/:id/cycles/:cycle`: the facts the cycle-status projection stored, judged by
 * `cycleStatus` as of today, so a deadline passing shows without an event.
 */
@Injectable()
export class CycleStatusQuery {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(certificantId: string, cycle: string): Promise<CycleStatusView> {
    const policy = policyFor(cycle);
    const { certificant, cycle: row } = await readCycleStatusRecord(this.dataSource, certificantId, cycle);
    if (!certificant || certificant.state.status === 'unregistered') {
      throw new NotFoundException({ code: 'CERTIFICANT_NOT_FOUND', message: `There is no certificant ${certificantId}.` });
    }
    const today = this.clock.today();
    // No event of this cycle yet: the certificant's certifications with an empty cycle.
    const facts = row?.facts ?? evaluateCycle(certificant.state, row ?? emptyCycleRow({ certificantId, cycle }), [], null, today).facts;
    return cycleStatusView(cycleStatus(facts, policy, today), certificantId);
  }
}
