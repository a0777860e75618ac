import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@recert/domain';
import type { SignedInStaff } from '../auth/roles';

/** What a command carries from its HTTP request into the events' metadata. */
export interface RequestMeta {
  actor: Actor;
  correlationId: string;
  idempotencyKey?: string;
  /** Under a key the event store keeps (`@KeyedByEvents`): the hash of the route and body, stored in the events' metadata. */
  commandHash?: string;
  source: string;
}

interface MetaRequest {
  staff?: SignedInStaff;
  id?: string;
  commandHash?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A client's key as the events know it: scoped by staff member, so two people's keys never name the same events. */
export function idempotencyKeyOf(staff: SignedInStaff | undefined, key: string | undefined): string | undefined {
  if (!key) return undefined;
  return `${staff?.id ?? 'anonymous'}:${key}`;
}

export function requestMetaOf(request: MetaRequest): RequestMeta {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const staff = request.staff;
  return {
    actor: staff ? { id: staff.id, role: staff.roles.includes('admin') ? 'admin' : (staff.roles[0] ?? 'viewer') } : 'system',
    correlationId: (typeof request.id === 'string' && request.id) || header('x-correlation-id') || randomUUID(),
    idempotencyKey: idempotencyKeyOf(staff, header('idempotency-key')),
    ...(request.commandHash ? { commandHash: request.commandHash } : {}),
    source: 'api',
  };
}

/** `@Meta() meta: RequestMeta` in a controller method. */
export const Meta = createParamDecorator((_: unknown, context: ExecutionContext): RequestMeta =>
  requestMetaOf(context.switchToHttp().getRequest<MetaRequest>()),
);
