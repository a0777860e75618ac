import {
  BadRequestException,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { EventStore, Position } from '@recert/event-store';
import { Projections } from '@recert/read-models';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';

/** How long `?consistent=true` waits before answering from projections that have not caught up. */
export const CONSISTENT_READ_TIMEOUT_MS = 2_000;

/**
 * Read-your-writes (api.md, Conventions) for every query: `?consistent=true` waits until the
 * projections have passed the event at `X-Min-Position` (default: the head as the request
 * arrives), then answers with `X-Consistency: reached`. After the timeout it answers anyway, from
 * what the projections hold, with `X-Consistency: timeout`: a stale page the client can detect
 * beats an error while a worker catches up.
 *
 * Interceptors run before pipes, so `consistent` is taken out of the query here and query DTOs
 * (forbidNonWhitelisted) never see it.
 */
@Injectable()
export class ConsistentReadInterceptor implements NestInterceptor {
  constructor(
    private readonly projections: Projections,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const query = request.query as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(query, 'consistent')) return next.handle();
    const { consistent, ...rest } = query;
    // Express 5 parses `req.query` again on every read: shadow the getter with the stripped copy.
    Object.defineProperty(request, 'query', { value: rest, writable: true, configurable: true, enumerable: true });
    if (request.method !== 'GET' || consistent !== 'true') return next.handle();

    const target = await this.targetOf(request.headers['x-min-position']);
    const reached = target === null || (await this.projections.waitForPosition(target, CONSISTENT_READ_TIMEOUT_MS));
    context.switchToHttp().getResponse<Response>().setHeader('X-Consistency', reached ? 'reached' : 'timeout');
    return next.handle();
  }

  private async targetOf(header: string | string[] | undefined): Promise<Position | null> {
    const given = Array.isArray(header) ? header[0] : header;
    if (given === undefined || given === '') return this.store.head();
    if (!/^\d{1,18}$/.test(given)) {
      throw new BadRequestException({
        code: 'INVALID_MIN_POSITION',
        message: 'X-Min-Position must be the position a command answered with, a whole number.',
      });
    }
    if (given === '0') return null;
    // Checkpoints are ordered by (transaction, position): find the transaction of that event.
    const rows: Array<{ tx_id: string }> = await this.dataSource.query(
      'SELECT tx_id::text AS tx_id FROM events WHERE global_position = $1',
      [given],
    );
    if (!rows[0]) {
      throw new BadRequestException({
        code: 'UNKNOWN_MIN_POSITION',
        message: `No event was ever recorded at position ${given}; send the position a command answered with.`,
      });
    }
    return { txId: rows[0].tx_id, globalPosition: given };
  }
}
