import type { AuthKind, RouteDef } from '@sello/contracts';
import type { HttpMiddleware } from '../types.ts';
import type { Caller, CredentialStores } from './caller.ts';
import { callers, type Principal } from './callers.ts';

/**
 * Authenticates the request as the route's kind of caller (its `auth` in the route table): the
 * principal goes on the context (the handler's `principal`), whom it acts for to the other
 * middlewares. Runs first among the checks: a request without valid credentials is refused (401)
 * before its body is read.
 */
export const authentication = (route: RouteDef, stores: () => CredentialStores): HttpMiddleware => {
  const caller: Caller<Principal<AuthKind>> = callers[route.auth];
  return {
    before: async (request) => {
      const principal = await caller.authenticate(request.event, stores());
      request.context.principal = principal;
      request.internal.owner = caller.owner(principal);
    },
  };
};
