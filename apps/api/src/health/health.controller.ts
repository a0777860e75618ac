import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { EventStore } from '@recert/event-store';
import { Projections } from '@recert/read-models';
import { Public } from '../auth/roles';
import type { RecertConfig } from '../config/recert-config';
import { EVENT_STORE, RECERT_CONFIG } from '../database/tokens';
import { pingRedis } from '../operations/redis-ping';

/**
 * Projection lag thresholds, in events. Past DEGRADED reads are noticeably behind (still 200);
 * past DOWN, or with a projection failing, the read side is not doing its job (503).
 */
export const PROJECTION_LAG_DEGRADED = 1_000;
export const PROJECTION_LAG_DOWN = 50_000;
const REDIS_TIMEOUT_MS = 1_000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RECERT_CONFIG) private readonly config: RecertConfig,
    private readonly projections: Projections,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'The event store (head position), the projections (lag, failures), parked streams and Redis when configured',
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.eventStore(),
        () => this.projectionLag(),
        () => this.parkedStreams(),
        ...(this.config.REDIS_URL ? [() => this.redis(this.config.REDIS_URL!)] : []),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      // api.md's error shape, with a sentence naming what is down and every indicator in details.
      const result = error.getResponse() as HealthCheckResult;
      throw new ServiceUnavailableException({
        code: 'UNHEALTHY',
        message: `Recert is unhealthy: ${Object.keys(result.error ?? {}).join(', ')} down.`,
        details: result.details,
      });
    }
  }

  private async eventStore() {
    const session = this.indicators.check('eventStore');
    try {
      const head = await this.store.head();
      return session.up({ headPosition: head.globalPosition, headTransaction: head.txId });
    } catch (error) {
      return session.down({ message: messageOf(error) });
    }
  }

  private async projectionLag() {
    const session = this.indicators.check('projections');
    try {
      const statuses = await this.projections.status();
      const maxLag = Math.max(0, ...statuses.map((status) => status.lag));
      const failed = statuses.filter((status) => status.status === 'failed').map((status) => status.name);
      const details = {
        maxLag,
        lagging: statuses.filter((status) => status.lag > 0).map((status) => ({ name: status.name, status: status.status, lag: status.lag })),
        failed,
        ...(failed.length > 0 ? { lastErrors: statuses.filter((status) => status.status === 'failed').map((status) => ({ name: status.name, lastError: status.lastError })) } : {}),
      };
      if (failed.length > 0 || maxLag > PROJECTION_LAG_DOWN) return session.down(details);
      if (maxLag > PROJECTION_LAG_DEGRADED) return session.degraded(details);
      return session.up(details);
    } catch (error) {
      return session.down({ message: messageOf(error) });
    }
  }

  /** Parked streams wait for a fix and a retry: reads of those streams are stale, the rest go on. */
  private async parkedStreams() {
    const session = this.indicators.check('parkedStreams');
    try {
      const parked = await this.projections.parkedStreams();
      const details = {
        count: parked.length,
        streams: parked.slice(0, 20).map((stream) => ({ projection: stream.projection, streamId: stream.streamId, error: stream.error })),
      };
      return parked.length > 0 ? session.degraded(details) : session.up(details);
    } catch (error) {
      return session.down({ message: messageOf(error) });
    }
  }

  private async redis(url: string) {
    const session = this.indicators.check('redis');
    try {
      return session.up({ roundTripMs: await pingRedis(url, REDIS_TIMEOUT_MS) });
    } catch (error) {
      return session.down({ message: messageOf(error) });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
