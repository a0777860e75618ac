import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { isDomainError, PolicyNotFound } from '@recert/domain';
import { IdempotencyKeyConflict, IdempotencyKeyReused, WrongExpectedRevision } from '@recert/event-store';
import type { Response } from 'express';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export const IDEMPOTENCY_KEY_REUSED_MESSAGE = 'This Idempotency-Key was already used with another body; use a new key for a new command.';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'RULE_REFUSED',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/** Every error leaves as api.md's `{ error: { code, message, details } }`; never a stack trace. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(status).json(body);
  }

  private describe(exception: unknown): [number, ErrorBody] {
    if (isDomainError(exception)) {
      return [422, { error: { code: exception.code, message: exception.message, details: exception.details } }];
    }
    if (exception instanceof PolicyNotFound) {
      return [404, { error: { code: 'CYCLE_NOT_FOUND', message: exception.message, details: { cycle: exception.cycle } } }];
    }
    if (exception instanceof WrongExpectedRevision) {
      return [409, { error: { code: 'CONCURRENT_CHANGE', message: 'Someone changed this record at the same time; try again.', details: { stream: exception.streamId } } }];
    }
    if (exception instanceof IdempotencyKeyReused || exception instanceof IdempotencyKeyConflict) {
      // The key recorded another command's events (ADR 14); the same answer as the key table's (IdempotencyInterceptor).
      return [409, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: IDEMPOTENCY_KEY_REUSED_MESSAGE } }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const given = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const code = typeof given.code === 'string' ? given.code : (CODE_BY_STATUS[status] ?? `HTTP_${status}`);
      // class-validator's messages come as a list; keep every one for the form that sent them.
      const messages = Array.isArray(given.message) ? given.message.map(String) : undefined;
      const message = messages ? messages.join('; ') : typeof given.message === 'string' ? given.message : exception.message;
      const details = messages ? { problems: messages } : (given.details as Record<string, unknown> | undefined);
      return [status, { error: { code: status === 400 && !given.code ? 'VALIDATION_FAILED' : code, message, ...(details ? { details } : {}) } }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; it has been logged.' } }];
  }
}
