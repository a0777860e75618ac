import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/errors';

/**
 * given(events).when(command).then(events), after oskardudycz's decider samples, with no
 * framework and no mocks (style.md habit 6). `then` compares exactly; `thenThrows` compares the
 * stable code exactly; `thenNothing` asserts the command changes nothing.
 */
export interface Scenario<C, E, X> {
  when(command: C, context?: Partial<X>): Outcome<E>;
}

export interface Outcome<E> {
  then(expected: E[]): void;
  thenThrows(code: string): DomainError;
  thenNothing(): void;
  /** The events decided, for assertions on a part of them. */
  events(): E[];
}

export function deciderSpec<C, E, S, X>(decider: Decider<C, E, S, X>, baseContext: NoInfer<X>) {
  return {
    given(history: E[]): Scenario<C, E, X> {
      return {
        when(command, overrides = {}) {
          const state = history.reduce(decider.evolve, decider.initialState);
          const context = { ...baseContext, ...overrides } as X;
          const run = () => decider.decide(command, state, context);
          return {
            then(expected) {
              expect(run()).toEqual(expected);
            },
            thenThrows(code) {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              expect(caught).toBeInstanceOf(DomainError);
              expect((caught as DomainError).code).toBe(code);
              return caught as DomainError;
            },
            thenNothing() {
              expect(run()).toEqual([]);
            },
            events: run,
          };
        },
      };
    },
  };
}

/** Freezes a value deeply, so a test proves `evolve` never mutates the state it is given. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Runs commands one after another as a live handler would (fold, decide, append), skipping
 * refused ones; returns the recorded events and the live state. Used by replay properties.
 */
export function runLive<C, E, S, X>(decider: Decider<C, E, S, X>, commands: C[], context: X): { events: E[]; state: S } {
  let state = deepFreeze(decider.initialState);
  const events: E[] = [];
  for (const command of commands) {
    let decided: E[];
    try {
      decided = decider.decide(command, state, context);
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
    for (const event of decided) {
      state = deepFreeze(decider.evolve(state, event));
      events.push(event);
    }
  }
  return { events, state };
}

/** Folds events as read back from the store: JSON round trip, so nothing depends on identity. */
export function replay<C, E, S, X>(decider: Decider<C, E, S, X>, events: E[]): S {
  const stored = JSON.parse(JSON.stringify(events)) as E[];
  return stored.reduce(decider.evolve, decider.initialState);
}
