import { type AuthKind, type RouteDef, rolesOf } from '@sello/contracts';
import { ForbiddenError } from '@sello/core/errors';
import type { HttpMiddleware } from '../types.ts';
import type { Caller, CredentialStores } from './caller.ts';
import { callers, type Principal } from './callers.ts';

/**
 * Authenticates the request as the route's kind of caller (its `auth` in the route table): the
 * principal goes on the context (the handler's `principal`), whom it acts for to the other
 * middlewares. Runs first among the checks: a request without valid credentials is refused (401)
 * before its body is read, and a staff member whose role the route does not allow (`rolesOf`) is
 * refused (403) here too, so no handler checks roles itself.
 */
export const authentication = (route: RouteDef, stores: () => CredentialStores): HttpMiddleware => {
  const caller: Caller<Principal<AuthKind>> = callers[route.auth];
  const roles = rolesOf(route);
  return {
    before: async (request) => {
      const principal = await caller.authenticate(request.event, stores());
      if (principal?.kind === 'staff' && !roles.includes(principal.role)) {
        throw new ForbiddenError(`The ${principal.role} role may not call ${route.id}`, [
          { path: 'authorization', message: `Needs one of the roles: ${roles.join(', ')}` },
        ]);
      }
      request.context.principal = principal;
      request.internal.owner = caller.owner(principal);
    },
  };
};
