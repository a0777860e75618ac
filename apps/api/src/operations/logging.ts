import type { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import type { RecertConfig } from '../config/recert-config';

/** A caller's id is kept when it is a plain token; anything else (log injection, megabytes) gets a fresh one. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers['x-correlation-id'];
  const value = Array.isArray(given) ? given[0] : given;
  return value && CORRELATION_ID.test(value) ? value : randomUUID();
}

/**
 * pino JSON logs at LOG_LEVEL (`silent` keeps tests quiet). Each request gets a correlation id,
 * from `X-Correlation-Id` or generated, echoed in the response header; it is `request.id`, so
 * `@Meta()` writes it into the events' metadata, and every log line of the request carries it.
 */
export function loggingModule(config: RecertConfig): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const id = correlationIdOf(request);
        response.setHeader('X-Correlation-Id', id);
        return id;
      },
      customProps: (request: IncomingMessage) => ({ correlationId: request.id }),
      quietReqLogger: true,
      autoLogging: { ignore: (request: IncomingMessage) => /^\/(health|metrics)\b/.test(request.url ?? '') },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
  });
}
