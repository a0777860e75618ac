import { NotFoundException } from '@nestjs/common';
import { appealDecider, appealStream, fold, type AppealEvent, type AppealState } from '@recert/domain';
import type { CycleStreams } from '../audits/cycle-streams';

/** The appeal's folded state; an unknown appeal is 404, not a refused rule. */
export async function filedAppeal(cycles: CycleStreams, appealId: string): Promise<AppealState> {
  const events = await cycles.events(appealStream(appealId));
  if (events.length === 0) throw new NotFoundException({ code: 'APPEAL_NOT_FOUND', message: `There is no appeal ${appealId}.` });
  return fold(appealDecider, events as AppealEvent[]);
}
