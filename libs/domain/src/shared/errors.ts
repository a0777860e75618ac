/**
 * A refusal: a rule said no. The code is stable (clients and tests compare it exactly); the
 * message is a sentence a staff member understands; details carry the values involved.
 * The API answers it as 422 `{ error: { code, message, details } }` (api.md).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function refuse(code: string, message: string, details: Record<string, unknown> = {}): never {
  throw new DomainError(code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
