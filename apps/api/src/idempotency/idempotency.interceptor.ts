import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { Coalescer, storedAnswer, type EventStore } from '@recert/event-store';
import { namedQuery } from '@recert/read-models';
import type { SignedInStaff } from '../auth/roles';
import { DATA_SOURCE, EVENT_STORE } from '../database/tokens';
import { streamKeyOf } from '../commands/command-runner';
import { idempotencyKeyOf } from '../commands/request-meta';
import { IDEMPOTENCY_KEY_REUSED_MESSAGE } from '../http/error-filter';

/** How long a duplicate waits for the first request with its key before answering 409 in flight. */
export const IN_FLIGHT_WAIT_MS = 5_000;
/** A key still in flight after this long belongs to a process that died: the next request takes it over. */
export const IN_FLIGHT_ABANDONED_MS = 2 * 60_000;
/** Keys are kept a day; a client retries within minutes. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60_000;
const POLL_MS = 50;
/** Expired keys are swept at most this often (by whichever command completes first after it). */
const SWEEP_EVERY_MS = 60_000;
const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEYED_BY_EVENTS = 'recert:keyed-by-events';

/**
 * A command route whose only write is one keyed `decideAndAppend` on the stream its URL names
 * (`streamOf` its route parameters), and whose answer is built from the events it recorded (or
 * finds recorded): the event store keeps its Idempotency-Key (ADR 14). The events' ids derive from
 * the key, so the same command sent again, even while the first is running, records nothing and
 * answers with the first's events; the route's and body's hash, kept in the events' metadata,
 * tells another command under the same key (IdempotencyKeyReused, 409), and so does a body
 * refused before it reaches the store (400, 404) when the key recorded another command's events.
 * No `idempotency_keys` row is written: two round trips fewer.
 */
export const KeyedByEvents = (streamOf: StreamOf) => SetMetadata(KEYED_BY_EVENTS, streamOf);
type StreamOf = (params: Record<string, string>) => string;

interface Identity {
  key: string;
  staffId: string;
  route: string;
}

interface StoredKey {
  body_hash: string;
  status: number | null;
  response: unknown;
  created_at: Date;
}

/**
 * api.md, Conventions: a command sent again with the same `Idempotency-Key` and body gets the first
 * answer again and records nothing; another body under the same key is 409 IDEMPOTENCY_KEY_REUSED.
 * The key is claimed (inserted) before the command runs, so a concurrent duplicate never runs it
 * twice. Only successes are kept: a refused or failed command frees its key for a retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private lastSweep = 0;
  /** Concurrent requests' claims go in one INSERT, their answers in one UPDATE (natural batching, ADR 7). */
  private readonly inserts = new Coalescer<Identity & { bodyHash: string }, boolean>((claims) => this.insertClaims(claims));
  private readonly completions = new Coalescer<Identity & { status: number; body: string }, void>((done) => this.storeAnswers(done));

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { staff?: SignedInStaff; commandHash?: string }>();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    // Public routes (sign-in) have no actor to scope the key by, and a stored answer would keep a bearer token in clear.
    if (!key || !COMMAND_METHODS.has(request.method) || !request.staff) return next.handle();
    if (key.length > 200) {
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'Idempotency-Key must be at most 200 characters.' });
    }
    const identity: Identity = { key, staffId: request.staff.id, route: `${request.method} ${request.originalUrl.split('?')[0]}` };
    const streamOf = this.reflector.get<StreamOf | undefined>(KEYED_BY_EVENTS, context.getHandler());
    if (streamOf) {
      const commandHash = createHash('sha256').update(`${identity.route}\n${canonicalJson(request.body ?? null)}`).digest('hex');
      request.commandHash = commandHash;
      const staff = request.staff;
      return next.handle().pipe(
        catchError((error: unknown) => {
          const streamId = streamOf(request.params as Record<string, string>);
          return from(this.refusedBeforeTheStore(error, streamId, streamKeyOf(idempotencyKeyOf(staff, key)!, streamId), commandHash));
        }),
      );
    }
    const bodyHash = createHash('sha256').update(canonicalJson(request.body ?? null)).digest('hex');

    const earlier = await this.claim(identity, bodyHash);
    const response = context.switchToHttp().getResponse<Response>();
    if (earlier) {
      response.status(earlier.status);
      return of(earlier.response);
    }
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.complete(identity, response.statusCode, body);
        return body;
      }),
      catchError((error: unknown) => from(this.release(identity)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  /** Null when this request holds the key now; the first answer when the key was already used. */
  private async claim(identity: Identity, bodyHash: string): Promise<{ status: number; response: unknown } | null> {
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      if (await this.inserts.call({ ...identity, bodyHash })) return null;

      const [stored] = (await this.dataSource.query(
        'SELECT body_hash, status, response, created_at FROM idempotency_keys WHERE idempotency_key = $1 AND staff_id = $2 AND route = $3',
        [identity.key, identity.staffId, identity.route],
      )) as StoredKey[];
      if (!stored) continue; // released between our insert and select: claim it again
      if (stored.body_hash !== bodyHash) {
        throw new ConflictException({ code: 'IDEMPOTENCY_KEY_REUSED', message: IDEMPOTENCY_KEY_REUSED_MESSAGE });
      }
      if (stored.status !== null) return { status: stored.status, response: stored.response };
      if (Date.now() - new Date(stored.created_at).getTime() > IN_FLIGHT_ABANDONED_MS) {
        // Abandoned is judged again by the database: a JavaScript Date holds milliseconds, the
        // column microseconds, so matching the row by the value read would never match.
        await this.dataSource.query(
          `DELETE FROM idempotency_keys WHERE idempotency_key = $1 AND staff_id = $2 AND route = $3 AND status IS NULL
              AND created_at < now() - $4 * interval '1 millisecond'`,
          [identity.key, identity.staffId, identity.route, IN_FLIGHT_ABANDONED_MS],
        );
        continue;
      }
      if (Date.now() >= deadline) {
        throw new ConflictException({
          code: 'IDEMPOTENCY_KEY_IN_FLIGHT',
          message: 'A request with this Idempotency-Key is still running; ask again in a moment.',
        });
      }
      await delay(POLL_MS);
    }
  }

  /**
   * A keyed-by-events command refused before it reached the store (its body invalid, an id unknown):
   * IdempotencyKeyReused (409) when its key recorded another command's events on the stream
   * (`storedAnswer`, the rule `decideAndAppend` applies), else the refusal itself. A rare path, so
   * the stream is read.
   */
  private async refusedBeforeTheStore(error: unknown, streamId: string, keyed: string, commandHash: string): Promise<never> {
    const status = error instanceof HttpException ? error.getStatus() : 0;
    if (status === 400 || status === 404) await storedAnswer(this.store, streamId, keyed, commandHash);
    throw error;
  }

  /**
   * Inserts each claim whose key is free; true for those this batch took. A batch of one (most of
   * them, unless many commands arrive at once) is a named statement on the primary key: parsed and
   * planned once per connection, where the set form's join on unnest took PostgreSQL longer to plan
   * than to run. Its generic plan is the key's index whatever the table's size.
   */
  private async insertClaims(claims: Array<Identity & { bodyHash: string }>): Promise<boolean[]> {
    if (claims.length === 1) {
      const [c] = claims;
      const { rows } = await namedQuery(
        this.dataSource,
        'recert-idempotency-claim',
        `INSERT INTO idempotency_keys (idempotency_key, staff_id, route, body_hash, created_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT DO NOTHING RETURNING 1`,
        [c.key, c.staffId, c.route, c.bodyHash],
      );
      return [rows.length === 1];
    }
    const idOf = (c: Identity) => JSON.stringify([c.key, c.staffId, c.route]);
    const rows = (await this.dataSource.query(
      `INSERT INTO idempotency_keys (idempotency_key, staff_id, route, body_hash, created_at)
       SELECT k, s, r, h, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(k, s, r, h)
       ON CONFLICT DO NOTHING RETURNING idempotency_key, staff_id, route`,
      [claims.map((c) => c.key), claims.map((c) => c.staffId), claims.map((c) => c.route), claims.map((c) => c.bodyHash)],
    )) as Array<{ idempotency_key: string; staff_id: string; route: string }>;
    const taken = new Set(rows.map((row) => idOf({ key: row.idempotency_key, staffId: row.staff_id, route: row.route })));
    // The same key twice in one batch: the first took it, the second finds it taken.
    return claims.map((claim) => taken.delete(idOf(claim)));
  }

  /** The answers of a batch of commands; one alone by a named statement on the primary key (as `insertClaims`). */
  private async storeAnswers(done: Array<Identity & { status: number; body: string }>): Promise<void[]> {
    if (done.length === 1) {
      const [d] = done;
      await namedQuery(
        this.dataSource,
        'recert-idempotency-answer',
        `UPDATE idempotency_keys SET status = $4, response = $5::jsonb, completed_at = now()
          WHERE idempotency_key = $1 AND staff_id = $2 AND route = $3`,
        [d.key, d.staffId, d.route, d.status, d.body],
      );
      return [undefined];
    }
    await this.dataSource.query(
      `UPDATE idempotency_keys k SET status = a.status, response = a.body::jsonb, completed_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS a(key, staff, route, status, body)
        WHERE k.idempotency_key = a.key AND k.staff_id = a.staff AND k.route = a.route`,
      [done.map((d) => d.key), done.map((d) => d.staffId), done.map((d) => d.route), done.map((d) => d.status), done.map((d) => d.body)],
    );
    return done.map(() => undefined);
  }

  private async complete(identity: Identity, status: number, body: unknown): Promise<void> {
    await this.completions.call({ ...identity, status, body: JSON.stringify(body ?? null) });
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE created_at < $1', [new Date(Date.now() - IDEMPOTENCY_RETENTION_MS)]);
  }

  private async release(identity: Identity): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE idempotency_key = $1 AND staff_id = $2 AND route = $3 AND status IS NULL',
      [identity.key, identity.staffId, identity.route],
    );
  }
}

/** JSON with object keys sorted, so the same body sent with its fields in another order is the same body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, field]) => `${JSON.stringify(name)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
