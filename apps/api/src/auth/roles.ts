import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

/** api.md, "Sign-in": what each role may do. `admin` may do everything. */
export const ROLES = ['staff', 'auditor', 'committee', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export const IS_PUBLIC = 'recert:public';
export const REQUIRED_ROLES = 'recert:roles';

/** No sign-in needed (health, docs, certificate verification, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a command; any signed-in staff member may read unless a route says otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in staff member the auth guard put on the request. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): SignedInStaff | undefined => {
  return context.switchToHttp().getRequest<{ staff?: SignedInStaff }>().staff;
});
