import type { BusinessDate } from './types';
import { refuse } from './errors';

/** Who asked: a signed-in staff member with a role, or the system (scheduler, import, cli). */
export type Actor = { id: string; role: string } | 'system';

/**
 * What every decision may know besides the command and the stream's state. Nothing in the
 * domain reads the clock or randomness: the handler passes them here (style.md habit 3).
 */
export interface DecisionContext {
  /** Today's business date in the body's time zone. */
  today: BusinessDate;
  /** The instant the command is handled, ISO 8601 UTC. */
  now: string;
  actor: Actor;
  /** Injected id generator, used only when a command does not carry its new id. */
  ids?: () => string;
}

/**
 * One aggregate: fold its events with `evolve`, answer a command with `decide`.
 *
 * Choice: a refusal is THROWN as a `DomainError` (never returned), in every decider. `decide`
 * returns the events to append; an empty array means "already done, nothing new" (idempotent).
 */
export interface Decider<Command, Event, State, Context = DecisionContext> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: Context): Event[];
}

/** Folds a stream's events into its state. */
export function fold<E, S>(decider: Pick<Decider<unknown, E, S, never>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}

/** The id a command brings, else one from the injected generator. */
export function newId(given: string | undefined, context: DecisionContext, what: string): string {
  if (given) return given;
  if (context.ids) return context.ids();
  return refuse('ID_MISSING', `No id was given for the new ${what}, and none can be generated here.`, { what });
}

export function actorId(actor: Actor): string {
  return actor === 'system' ? 'system' : actor.id;
}
