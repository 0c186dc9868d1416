import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'editor', 'fact_checker', 'newsroom'] as const;
export type Role = (typeof ROLES)[number];

/** The desk's people (API.md "Roles"): editors may do all a fact-checker may. `admin` is always allowed. */
export const DESK_STAFF: readonly Role[] = ['editor', 'fact_checker'];
/** Who may read claims, actors and their history: the desk and newsroom API keys. */
export const CLAIM_READERS: readonly Role[] = [...DESK_STAFF, 'newsroom'];

/** Who is making a request: a signed-in user or a newsroom's API key. Set on the request by the auth guard. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  roles: Role[];
}

export interface RequestWithPrincipal {
  principal?: Principal;
}

export const PUBLIC_ROUTE = 'claimdesk:public';
export const ALLOWED_ROLES = 'claimdesk:roles';

/** The route answers without credentials. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call the route; `admin` may always. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const ROLE_REFUSAL_DEFERRED = 'claimdesk:role-refusal-deferred';

/**
 * The auth guard resolves the caller but leaves refusing a wrong role (by `@Roles`) to the route's
 * own guard, which can say more than the role (the workflow routes add the claim's status and the
 * caller's allowed actions). Only for routes that have such a guard.
 */
export const DeferRoleRefusal = () => SetMetadata(ROLE_REFUSAL_DEFERRED, true);

/** The caller; undefined only on public routes. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<RequestWithPrincipal>().principal,
);
