import { IdempotencyKeyConflict, IdempotencyKeyReused, WrongExpectedRevision, type EventMetadata, type EventStore, type Position, type RecordedEvent } from './event-store';
import { idempotentEventId } from './uuid-v5';

/** What `decideAndAppend` needs of an aggregate: the shape of the domain's deciders. */
export interface StreamDecider<C, E, S, X> {
  initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S, context: X): E[];
}

export interface CommandOutcome<E> {
  events: E[];
  /** Position of the last event written (or already written, on an idempotent retry); null when nothing was new. */
  position: Position | null;
}

export interface DecideOptions {
  idempotencyKey?: string;
  metadata?: Partial<Omit<EventMetadata, 'eventId' | 'recordedAt'>>;
  /** Attempts when a concurrent writer moves the stream (default 4); then WrongExpectedRevision. */
  maxAttempts?: number;
}

/** A stream the caller has read and folded already: the first attempt decides on it instead of reading again. */
export interface LoadedStream<S> {
  state: S;
  /** Revision of the stream's last event when it was read, -1 for no stream. */
  revision: number;
}

/**
 * The one command handler (style.md habit 2): load the stream, fold it, decide, append with the
 * revision read. A concurrent writer makes the append fail; then reload and decide again, a few
 * times, before giving up with WrongExpectedRevision (the API answers it 409).
 */
export async function decideAndAppend<C, E extends { type: string; data: unknown }, S, X>(
  store: EventStore,
  decider: StreamDecider<C, E, S, X>,
  streamId: string,
  command: C,
  context: X,
  options: DecideOptions & { loaded?: LoadedStream<S> } = {},
): Promise<CommandOutcome<E>> {
  const attempts = options.maxAttempts ?? 4;
  const stored = () => storedAnswer<E>(store, streamId, options.idempotencyKey, options.metadata?.commandHash);
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = attempt === 1 && options.loaded ? options.loaded : await load(store, decider, streamId);
    let events: E[];
    try {
      events = decider.decide(command, state, context);
    } catch (error) {
      // A command that may happen once refuses to happen again: unless it is this very command, sent again.
      const answer = await stored();
      if (answer) return answer;
      throw error;
    }
    if (events.length === 0) return (await stored()) ?? { events, position: null };
    try {
      const result = await store.append(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata: options.metadata })),
        {
          expectedRevision: revision < 0 ? 'no_stream' : revision,
          idempotencyKey: options.idempotencyKey,
        },
      );
      if (!result.written && options.idempotencyKey !== undefined) {
        return (await stored()) ?? { events: [], position: result.position };
      }
      return { events, position: result.position };
    } catch (error) {
      if (error instanceof IdempotencyKeyConflict) {
        // Sent again, this command decided more events than its first run stored: answer with those.
        const answer = await stored();
        if (answer) return answer;
      }
      if (!(error instanceof WrongExpectedRevision) || attempt >= attempts) throw error;
    }
  }
}

/**
 * The events an earlier run of this command stored under its idempotency key, and the position of
 * the last; null without a key or when the key stored nothing on the stream. A command sent again
 * (its first answer lost) decides anew on a stream that already holds its events: its new decision
 * (new ids, say) is not recorded, or it decides nothing, or it refuses (a registration, a fee,
 * done once), and the answer must describe what was recorded. When the stored events carry the
 * hash of the command that recorded them and this command's differs, the key was reused for
 * another command: IdempotencyKeyReused.
 */
export async function storedAnswer<E>(
  store: EventStore,
  streamId: string,
  idempotencyKey: string | undefined,
  commandHash: string | undefined,
): Promise<CommandOutcome<E> | null> {
  if (idempotencyKey === undefined) return null;
  const byId = new Map((await store.readStream(streamId)).map((event) => [event.metadata.eventId, event]));
  const stored: RecordedEvent[] = [];
  for (let event = byId.get(idempotentEventId(idempotencyKey, 0)); event; event = byId.get(idempotentEventId(idempotencyKey, stored.length))) {
    stored.push(event);
  }
  if (stored.length === 0) return null;
  const recordedFor = stored[0].metadata.commandHash;
  if (recordedFor !== undefined && recordedFor !== commandHash) throw new IdempotencyKeyReused(streamId, idempotencyKey);
  return { events: stored.map(({ type, data }) => ({ type, data }) as E), position: stored[stored.length - 1].position };
}

async function load<E, S>(store: EventStore, decider: StreamDecider<unknown, E, S, unknown>, streamId: string): Promise<LoadedStream<S>> {
  const recorded = await store.readStream(streamId);
  let state = decider.initialState;
  for (const event of recorded) state = decider.evolve(state, { type: event.type, data: event.data } as E);
  return { state, revision: recorded.length - 1 };
}
