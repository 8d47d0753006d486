import type { AuthKind } from '@sello/contracts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller, CredentialStores } from './caller.ts';
import { inboxCaller } from './inbox.ts';
import { publicCaller } from './public.ts';
import { sessionCaller } from './session.ts';
import { staffCaller } from './staff.ts';
import { tenantCaller } from './tenant.ts';

/**
 * Every kind of caller a route may name in the route table's `auth`. A new kind is a value in
 * `AuthKind`, one file exporting its `Caller`, and its line here (the `satisfies` refuses to
 * compile until it has one); routes then name it and their handlers get its principal type.
 */
export const callers = {
  tenant: tenantCaller,
  staff: staffCaller,
  session: sessionCaller,
  inbox: inboxCaller,
  public: publicCaller,
} satisfies Record<AuthKind, Caller<unknown>>;

/** The principal a route of kind `A` hands its handler. */
export type Principal<A extends AuthKind> = (typeof callers)[A] extends Caller<infer P> ? P : never;

/**
 * Resolves the caller of a route of kind `kind`: an API key (`sello_…`) or a staff access token
 * (a JWT) for 'tenant', only the token for 'staff', a registered recipient's access token for
 * 'session', any of them for 'inbox', nobody for 'public'. A recipient's token is never accepted
 * where the tenant is expected (403), nor an API key where a recipient is.
 */
export const authenticate = <A extends AuthKind>(
  kind: A,
  event: APIGatewayProxyEventV2,
  stores: CredentialStores,
): Promise<Principal<A>> => (callers[kind] as Caller<Principal<A>>).authenticate(event, stores);
