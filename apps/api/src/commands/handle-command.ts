import { ConflictException } from '@nestjs/common';
import { fold, type Decider } from '@recert/domain';
import {
  WrongExpectedRevision,
  type EventMetadata,
  type EventStore,
  type Position,
} from '@recert/event-store';

export interface CommandOutcome<E> {
  events: E[];
  /** Position of the last event written (or already written, on an idempotent retry); null when nothing was new. */
  position: Position | null;
}

export interface CommandOptions {
  idempotencyKey?: string;
  metadata: Partial<Omit<EventMetadata, 'eventId' | 'recordedAt'>>;
  maxAttempts?: number;
}

/**
 * The one command handler (style.md habit 2): load the stream, fold it, decide, append with the
 * revision read. A concurrent writer makes the append fail; then reload and decide again, a few
 * times, before answering 409.
 */
export async function handleCommand<C, E extends { type: string; data: unknown }, S, Ctx>(
  store: EventStore,
  decider: Decider<C, E, S, Ctx>,
  streamId: string,
  command: C,
  context: Ctx,
  options: CommandOptions,
): Promise<CommandOutcome<E>> {
  const attempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamId);
    const state = fold(decider, recorded.map((event) => ({ type: event.type, data: event.data }) as E));
    const events = decider.decide(command, state, context);
    if (events.length === 0) return { events, position: null };
    try {
      const result = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata: options.metadata })),
        {
          expectedRevision: recorded.length === 0 ? 'no_stream' : recorded.length - 1,
          idempotencyKey: options.idempotencyKey,
        },
      );
      return { events, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= attempts) {
        throw new ConflictException({
          code: 'CONCURRENT_CHANGE',
          message: `The record ${streamId} kept changing while this command ran; try again.`,
        });
      }
    }
  }
}
