import { Inject, Injectable } from '@nestjs/common';
import {
  certificantDecider,
  certificantStream,
  cycleOf,
  cycleStream,
  cprAedCurrentOn,
  nextCycleOf,
  fold,
  type CertificantEvent,
  type CertificantRegistered,
} from '@recert/domain';
import type { EventStore } from '@recert/event-store';
import { Clock } from '../../clock/clock';
import { EVENT_STORE } from '../../database/tokens';
import { registeredCertificant } from '../certificant-streams';

/** Cycles listed on a profile at most: a career of 60 years. */
const MAX_CYCLES = 20;

/**
 * `GET /certificants/:id`, folded from the certificant's stream (consistent by construction).
 * Cycles: from the cycle of the first certification earned to the current one, those with a
 * cycle stream of this account or an account merged into it, and always the current one.
 */
@Injectable()
export class CertificantProfileQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async profile(certificantId: string) {
    const { events, state } = await registeredCertificant(this.store, certificantId);
    const registered = events.find((event): event is CertificantRegistered => event.type === 'CertificantRegistered')?.data;
    const today = this.clock.today();
    const accounts = [certificantId, ...(await this.mergedAccounts(state.mergedDuplicates))];
    const firstDate = [registered?.registeredOn ?? today, ...state.certifications.map((held) => held.earnedOn)].sort()[0]!;
    const current = cycleOf(today);
    const cycles: Array<{ cycle: string; current: boolean; recorded: boolean }> = [];
    for (let cycle = cycleOf(firstDate < today ? firstDate : today), n = 0; n < MAX_CYCLES; cycle = nextCycleOf(cycle), n++) {
      const recorded = await this.anyRecorded(accounts.map((id) => cycleStream(id, cycle)));
      if (recorded || cycle === current) cycles.push({ cycle, current: cycle === current, recorded });
      if (cycle === current) break;
    }
    return {
      certificantId,
      firstName: registered?.firstName ?? null,
      lastName: registered?.lastName ?? null,
      name: registered ? `${registered.firstName} ${registered.lastName}` : null,
      email: registered?.email ?? null,
      memberId: state.memberId,
      registeredOn: registered?.registeredOn ?? null,
      status: state.status,
      mergedInto: state.mergedInto,
      mergedAccounts: state.mergedDuplicates,
      certifications: state.certifications.map(({ certification, earnedOn, pending }) => ({ certification, earnedOn, pending })),
      cprAed: {
        current: cprAedCurrentOn(state, today),
        cards: state.cprAed,
      },
      examsPassed: state.examsPassed,
      cycles,
    };
  }

  /** Accounts merged into these, and those merged into them, and so on (D1.3). */
  async mergedAccounts(direct: string[]): Promise<string[]> {
    const found: string[] = [];
    const pending = [...direct];
    while (pending.length > 0) {
      const id = pending.shift()!;
      if (found.includes(id)) continue;
      found.push(id);
      const events = await this.store.readStream(certificantStream(id));
      pending.push(...fold(certificantDecider, events.map(({ type, data }) => ({ type, data }) as CertificantEvent)).mergedDuplicates);
    }
    return found;
  }

  private async anyRecorded(streams: string[]): Promise<boolean> {
    for (const stream of streams) {
      if ((await this.store.readStream(stream)).length > 0) return true;
    }
    return false;
  }
}
