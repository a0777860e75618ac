import { HttpException, Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { isDomainError } from '@recert/domain';
import { WrongExpectedRevision, type EventStore } from '@recert/event-store';
import { Projections } from '@recert/read-models';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EVENT_STORE } from '../database/tokens';
import { observeAppends } from '../projections/appended-events';

/** How a command ended, as the latency histogram labels it. */
export type CommandOutcomeLabel = 'accepted' | 'refused' | 'conflict' | 'rejected' | 'failed';

export function outcomeOf(error: unknown): CommandOutcomeLabel {
  if (isDomainError(error)) return 'refused';
  if (error instanceof WrongExpectedRevision) return 'conflict';
  if (error instanceof HttpException) return error.getStatus() === 409 ? 'conflict' : error.getStatus() < 500 ? 'rejected' : 'failed';
  return 'failed';
}

/**
 * The Prometheus metrics of this process, in a registry of its own (several apps share one test
 * process). Lag and parked streams are read from the checkpoint table at scrape time, so the API
 * shows them whichever process runs the projections.
 */
@Injectable()
export class Metrics implements OnModuleInit, OnModuleDestroy {
  readonly registry = new Registry();

  readonly commandDuration = new Histogram({
    name: 'recert_command_duration_seconds',
    help: 'Time to decide and append a command, by command and outcome (accepted, refused, conflict, rejected, failed).',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'recert_events_appended_total',
    help: 'Events this process appended to the event store, by event type.',
    labelNames: ['event_type'] as const,
    registers: [this.registry],
  });

  private stopObserving: (() => void) | null = null;

  constructor(
    projections: Projections,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commandBus: CommandBus,
  ) {
    new Gauge({
      name: 'recert_projection_lag_events',
      help: 'Events between the event store head and the projection checkpoint.',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of await projections.status()) this.set({ projection: status.name }, status.lag);
      },
    });
    new Gauge({
      name: 'recert_projection_parked_streams',
      help: 'Streams parked by a projection because one of their events failed to apply.',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of await projections.status()) this.set({ projection: status.name }, status.parkedStreams);
      },
    });
    new Gauge({
      name: 'recert_projection_failed',
      help: '1 while the projection\'s last step failed (database trouble, a bug outside any one event).',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const status of await projections.status()) this.set({ projection: status.name }, status.status === 'failed' ? 1 : 0);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'recert_' });
  }

  onModuleInit(): void {
    this.stopObserving = observeAppends(this.store, (appended) => {
      for (const { events } of appended) for (const event of events) this.eventsAppended.inc({ event_type: event.type });
    });
    this.timeCommands();
  }

  onModuleDestroy(): void {
    this.stopObserving?.();
  }

  /** Every command goes through the bus: time it there, named by its class (RegisterCertificantCommand -> RegisterCertificant). */
  private timeCommands(): void {
    const bus = this.commandBus as unknown as { execute: (command: object, context?: unknown) => Promise<unknown> };
    const execute = bus.execute.bind(bus);
    const duration = this.commandDuration;
    bus.execute = async (command, context) => {
      const stop = duration.startTimer({ command: command.constructor.name.replace(/Command$/, '') });
      try {
        const result = await execute(command, context);
        stop({ outcome: 'accepted' });
        return result;
      } catch (error) {
        stop({ outcome: outcomeOf(error) });
        throw error;
      }
    };
  }
}
