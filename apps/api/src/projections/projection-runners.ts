import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@recert/event-store';
import { ProjectionRunner, SharedLogReader, type Projection } from '@recert/read-models';
import type { DataSource } from 'typeorm';
import type { RecertConfig } from '../config/recert-config';
import { DATA_SOURCE, EVENT_STORE, RECERT_CONFIG } from '../database/tokens';
import { observeAppends } from './appended-events';
import { PROJECTION_LIST } from './projection-list';

/**
 * Lease exclusivity in every mode (docs in README, "Running the projections"): it needs no
 * connection of its own, so it works on the embedded database's single connection and never
 * pins one pool connection per projection on PostgreSQL; the owner column fences every write, a
 * cleanly stopped owner hands over at once, a crashed one after the lease.
 */
export const PROJECTION_LEASE_MS = 15_000;

/**
 * The projection runners of this process: every read model in the catalogue, or none in `api` mode.
 * They read the log through one `SharedLogReader`: runners at the same position (all of them
 * during a catch-up or a rebuild of all, and after every wake-up) read and parse each page once.
 */
@Injectable()
export class ProjectionRunners implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runners: ProjectionRunner[];
  readonly reader: SharedLogReader;
  private stopObserving: (() => void) | null = null;
  private wakePending = false;

  constructor(
    @Inject(RECERT_CONFIG) config: RecertConfig,
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_LIST) projections: Projection[],
  ) {
    this.reader = new SharedLogReader(store);
    this.runners =
      config.RECERT_MODE === 'api'
        ? []
        : projections.map(
            (projection) =>
              new ProjectionRunner({
                dataSource,
                store,
                reader: this.reader,
                projection,
                exclusivity: 'lease',
                leaseMs: PROJECTION_LEASE_MS,
                logger: new Logger(`projection ${projection.name}`),
              }),
          );
  }

  onApplicationBootstrap(): void {
    if (this.runners.length === 0) return;
    // Read-your-writes: a local append cuts the runners' idle wait short.
    this.stopObserving = observeAppends(this.store, () => this.wake());
    for (const runner of this.runners) runner.start();
  }

  /** Before the database closes: each runner finishes its batch and hands its projection over. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopObserving?.();
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /**
   * Wakes every runner once for a burst of appends: the appends committed in one turn of the event
   * loop (8 clients' commands, an import's batches) make one wake-up per runner, on the next turn.
   * A runner busy with a step when woken runs one more step after it (ProjectionRunner.wake).
   */
  wake(): void {
    if (this.wakePending || this.runners.length === 0) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      for (const runner of this.runners) runner.wake();
    });
  }
}
