import { NotFoundException } from '@nestjs/common';
import { certificantDecider, certificantStream, fold, type CertificantEvent, type CertificantState } from '@recert/domain';
import type { CommandOutcome, EventStore } from '@recert/event-store';

export interface CertificantRecord {
  events: CertificantEvent[];
  state: CertificantState;
}

/** The certificant's stream, folded; an unknown id is 404, not a refused rule. */
export async function registeredCertificant(store: EventStore, certificantId: string): Promise<CertificantRecord> {
  const events = (await store.readStream(certificantStream(certificantId))).map(({ type, data }) => ({ type, data }) as CertificantEvent);
  if (events.length === 0) {
    throw new NotFoundException({ code: 'CERTIFICANT_NOT_FOUND', message: `There is no certificant ${certificantId}.`, details: { certificantId } });
  }
  return { events, state: fold(certificantDecider, events) };
}

export function positionOf(outcome: CommandOutcome<unknown>): number | null {
  return outcome.position ? Number(outcome.position.globalPosition) : null;
}
