import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Decider, DecisionContext } from '@recert/domain';
import { decideAndAppend, IDEMPOTENCY_NAMESPACE, uuidV5, type CommandOutcome, type EventStore, type LoadedStream } from '@recert/event-store';
import { Clock } from '../clock/clock';
import { EVENT_STORE } from '../database/tokens';
import type { RequestMeta } from './request-meta';

/**
 * Runs a command against one stream with the request's actor, correlation id and idempotency key,
 * and the app's clock. `extra` adds what a decider needs from elsewhere (the policy, the
 * certificant's certifications...); `loaded` the stream when the caller has just read and folded it.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  context(meta: RequestMeta): DecisionContext {
    return { today: this.clock.today(), now: this.clock.now().toISOString(), actor: meta.actor, ids: randomUUID };
  }

  /**
   * The id of what a command creates (a certificant, an appeal): random, or, under an
   * Idempotency-Key, derived from the key (which names its sender, `requestMetaOf`), so that the
   * same command sent again after its answer was lost finds the stream it created (and answers
   * from it) instead of creating a second one. `kind` keeps apart what different routes create.
   */
  newId(meta: RequestMeta, kind: string): string {
    if (!meta.idempotencyKey) return randomUUID();
    return uuidV5(`${kind}:${meta.idempotencyKey}`, IDEMPOTENCY_NAMESPACE);
  }

  run<C, E extends { type: string; data: unknown }, S, X extends object = object>(
    decider: Decider<C, E, S, DecisionContext & X>,
    streamId: string,
    command: C,
    meta: RequestMeta,
    options: { extra?: X; occurredAt?: string; loaded?: LoadedStream<S> } = {},
  ): Promise<CommandOutcome<E>> {
    const context = { ...this.context(meta), ...(options.extra ?? ({} as X)) };
    return decideAndAppend(this.store, decider, streamId, command, context, {
      idempotencyKey: meta.idempotencyKey ? streamKeyOf(meta.idempotencyKey, streamId) : undefined,
      loaded: options.loaded,
      metadata: {
        actor: meta.actor,
        correlationId: meta.correlationId,
        source: meta.source,
        occurredAt: options.occurredAt ?? context.today,
        ...(meta.commandHash ? { commandHash: meta.commandHash } : {}),
      },
    });
  }
}

/** The key of a command's events on one stream: one request may write several streams, each gets its own deterministic ids. */
export function streamKeyOf(idempotencyKey: string, streamId: string): string {
  return `${idempotencyKey}:${streamId}`;
}
