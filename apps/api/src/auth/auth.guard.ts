import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES, type Role, type SignedInStaff } from './roles';
import { Sessions } from './sessions';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  staff?: SignedInStaff;
  bearerToken?: string;
}

/**
 * Every route needs a live bearer token unless `@Public()`. Reads are open to every role; any
 * other method needs one of its `@Roles(...)`, and admin only when it names none. Admin may do everything.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const token = bearerTokenOf(request.headers.authorization);
    const staff = token ? await this.sessions.authenticate(token) : null;
    if (!token || !staff) {
      throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: 'Sign in first: send Authorization: Bearer <token> from POST /auth/login (tokens expire).' });
    }
    request.staff = staff;
    request.bearerToken = token;

    const named = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    // `@Roles` on a GET restricts the read too (staff accounts); a command without one is admin's.
    const needed: Role[] = named ?? (request.method === 'GET' || request.method === 'HEAD' ? [] : ['admin']);
    if (needed.length === 0 || staff.roles.includes('admin') || needed.some((role) => staff.roles.includes(role))) return true;
    const wanted = [...needed.filter((role) => role !== 'admin'), 'admin'];
    throw new ForbiddenException({
      code: 'FORBIDDEN',
      message: `This needs the role ${wanted.join(' or ')}; you have ${staff.roles.join(', ') || 'no role'}.`,
      details: { needed: wanted, roles: staff.roles },
    });
  }
}

function bearerTokenOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match ? match[1] : null;
}
