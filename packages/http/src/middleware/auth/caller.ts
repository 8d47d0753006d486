import type { RecipientRepository } from '@sello/core/recipients';
import type { AccessTokenVerifier, MembershipRepository } from '@sello/core/staff';
import type { ApiKeyRepository } from '@sello/core/tenants';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Where credentials are looked up (the wiring package passes the DynamoDB repositories). */
export interface CredentialStores {
  apiKeys: ApiKeyRepository;
  /**
   * How people's access tokens (staff and registered recipients) are checked: the identity
   * provider's verifier, the memberships and the recipients' accounts. Absent where no user pool
   * is configured: tokens are then refused (401).
   */
  people?: PeopleCredentials;
}

export interface PeopleCredentials {
  tokens: AccessTokenVerifier;
  members: Pick<MembershipRepository, 'getByUser'>;
  recipients: Pick<RecipientRepository, 'getByUser'>;
}

/**
 * One kind of caller: how its requests are authenticated and what principal they carry. Each
 * route names its kind in the route table (`auth`); `callers.ts` maps kinds to these.
 */
export interface Caller<P> {
  /** The principal of `event`, or an UnauthorizedError (401) saying what is wrong. */
  authenticate(event: APIGatewayProxyEventV2, stores: CredentialStores): Promise<P>;
  /** Whom a request of `principal` acts for, as a stable id: Idempotency-Keys are kept per owner. */
  owner(principal: P): string;
}
