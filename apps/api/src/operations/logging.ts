import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { RecertConfig } from '../config/recert-config';

/** A caller's id is kept when it is a plain token; anything else (log injection, megabytes) gets a fresh one. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Polled by probes and scrapers: their requests get correlation ids but no log line each. */
const QUIET_PATHS = /^\/(health|metrics)\b/;

export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers['x-correlation-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && CORRELATION_ID.test(value) ? value : randomUUID();
}

/**
 * pino JSON logs at LOG_LEVEL (`silent` keeps tests quiet). Requests get their logger from
 * `requestLogging` (the API's HTTP server), not from pino-http (`useExisting`); nestjs-pino then
 * keeps that logger as the request's context, so every log line of the request carries its
 * correlation id.
 */
export function loggingModule(config: RecertConfig): DynamicModule {
  return LoggerModule.forRoot({ pinoHttp: { level: config.LOG_LEVEL }, useExisting: true });
}

type LoggedRequest = IncomingMessage & { id?: unknown; log?: Logger; originalUrl?: string };

/**
 * The API's request logging, in place of pino-http (ADR 8): each request gets a correlation id,
 * from `X-Correlation-Id` or generated, echoed in the response header; it is `request.id`, so
 * `@Meta()` writes it into the events' metadata. `request.log` is a child of `root` bound to it,
 * and a finished request is logged once, at info (error for a 5xx), unless it was a probe's.
 *
 * pino-http made three child loggers per request, each a child of the last (`Object.create`), one
 * of them serialising the request's headers, even at `silent`. Measured on a route that only
 * answers 404: with it about 440 KB survived each scavenge, without it almost nothing; making
 * per-request objects into prototypes is the likely reason. One child of a long-lived logger
 * makes no prototype and serialises one field.
 */
export function requestLogging(root: Logger): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request: LoggedRequest, response, next) => {
    const correlationId = correlationIdOf(request);
    request.id = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const log = root.child({ correlationId });
    request.log = log;
    if (log.isLevelEnabled('info') && !QUIET_PATHS.test(request.url ?? '')) {
      const started = performance.now();
      response.once('close', () => {
        const fields = {
          req: { method: request.method, url: request.originalUrl ?? request.url },
          res: { statusCode: response.statusCode },
          responseTime: Math.round(performance.now() - started),
        };
        if (!response.writableFinished) log.warn(fields, 'request aborted');
        else if (response.statusCode >= 500) log.error(fields, 'request errored');
        else log.info(fields, 'request completed');
      });
    }
    next();
  };
}
