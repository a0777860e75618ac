import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '@recert/event-store';
import { EVENT_STORE } from '../database/tokens';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Whether the event store answers, and its head position' })
  check() {
    return this.health.check([() => this.eventStore()]);
  }

  private async eventStore() {
    const session = this.indicators.check('eventStore');
    try {
      const head = await this.store.head();
      return session.up({ headPosition: head.globalPosition, headTransaction: head.txId });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
