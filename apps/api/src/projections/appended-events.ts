import type { AppendResult, EventStore, NewEvent } from '@recert/event-store';

/** Told after every append this process commits (not after an idempotent retry that wrote nothing). */
export type AppendListener = (appended: Array<{ streamId: string; events: NewEvent[] }>) => void;

const LISTENERS = Symbol('recert:append-listeners');

interface ObservedStore extends EventStore {
  [LISTENERS]?: Set<AppendListener>;
}

/**
 * Calls `listener` after each append through `store`, from every writer in this process (command
 * handlers, jobs, imports): the local runners wake at once and the metrics count the events. The
 * store instance is shared by every provider already, so it is observed in place, once.
 * Returns a function that stops the listener.
 */
export function observeAppends(store: EventStore, listener: AppendListener): () => void {
  const observed = store as ObservedStore;
  if (!observed[LISTENERS]) {
    const listeners = new Set<AppendListener>();
    observed[LISTENERS] = listeners;
    const append = store.append.bind(store);
    const appendBatch = store.appendBatch.bind(store);
    const tell = (appended: Array<{ streamId: string; events: NewEvent[] }>) => {
      for (const each of listeners) {
        try {
          each(appended);
        } catch {
          // An observer's bug must never turn a committed append into a failed command.
        }
      }
    };
    store.append = async (streamId, events, options): Promise<AppendResult> => {
      const result = await append(streamId, events, options);
      if (result.written) tell([{ streamId, events }]);
      return result;
    };
    store.appendBatch = async (appends): Promise<AppendResult[]> => {
      const results = await appendBatch(appends);
      tell(appends.filter((_, index) => results[index]?.written).map(({ streamId, events }) => ({ streamId, events })));
      return results;
    };
  }
  observed[LISTENERS].add(listener);
  return () => observed[LISTENERS]?.delete(listener);
}
