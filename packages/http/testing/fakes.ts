// Test doubles for the middleware unit tests: events, contexts and in-memory stores, no network.
import { randomUUID } from 'node:crypto';

import { UnauthorizedError } from '@sello/core/errors';
import type {
  IdempotencyClaim,
  IdempotencyState,
  IdempotencyStore,
  StoredOutcome,
} from '@sello/core/ports';
import {
  RECIPIENT_GROUP,
  type RecipientAccount,
  type RecipientRepository,
} from '@sello/core/recipients';
import type {
  AccessTokenClaims,
  AccessTokenVerifier,
  Membership,
  MembershipRepository,
  StaffRole,
} from '@sello/core/staff';
import {
  type ApiKeyRecord,
  type ApiKeyRepository,
  generateApiKeySecret,
  hashApiKey,
} from '@sello/core/tenants';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type {
  HttpContext,
  HttpInternal,
  HttpRequestState,
  HttpResponse,
} from '../src/middleware/types.ts';

let requests = 0;

/** An API Gateway v2 event, as the local front builds them. */
export function anEvent(
  overrides: Partial<Omit<APIGatewayProxyEventV2, 'requestContext'>> & {
    method?: string;
    requestId?: string;
  } = {},
): APIGatewayProxyEventV2 {
  const { method = 'GET', requestId = `req-${++requests}`, ...rest } = overrides;
  const rawPath = rest.rawPath ?? '/v1/things';
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    ...rest,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
      requestId,
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: new Date(0).toISOString(),
      timeEpoch: 0,
    },
  };
}

/** A Lambda context with `remainingMs` left. */
export function aContext(remainingMs = 10_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:test',
    memoryLimitInMB: '512',
    awsRequestId: 'aws-req',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** A middy request as the stack hands it to a middleware. */
export function aRequest(
  event: APIGatewayProxyEventV2 = anEvent(),
  context: Partial<HttpContext> = {},
  response?: HttpResponse,
): HttpRequestState {
  return {
    event,
    context: { ...aContext(), ...context } as HttpContext,
    response: response ?? null,
    error: null,
    internal: {} as HttpInternal,
  };
}

/**
 * An identity provider's token issuer in memory: it hands out JWT-shaped tokens and its verifier
 * takes only its own, unexpired ones, refusing as the real verifier does (a token of another
 * issuer, a forged one, an expired one). The real verifier's checks are tested with real keys in
 * @sello/aws.
 */
export function tokenIssuer() {
  const issued = new Map<string, AccessTokenClaims>();
  let n = 0;
  const verifier: AccessTokenVerifier = {
    verify: async (token) => {
      const claims = issued.get(token);
      if (!claims) throw new UnauthorizedError('Invalid access token; sign in again');
      if (claims.expiresAt * 1000 <= Date.now()) {
        throw new UnauthorizedError('The access token expired; refresh it or sign in again');
      }
      return claims;
    },
  };
  return {
    verifier,
    /** A token of `userId` valid for `seconds`, naming the user's `groups`. */
    issue(userId: string, seconds = 3600, groups: readonly string[] = []) {
      // Random, as signatures are: no two issuers ever hand out the same token.
      const body = Buffer.from(`${userId}:${++n}:${randomUUID()}`).toString('base64url');
      const token = `eyJhbGciOiJSUzI1NiJ9.${body}.c2ln`;
      issued.set(token, { userId, expiresAt: Math.floor(Date.now() / 1000) + seconds, groups });
      return token;
    },
  };
}

/**
 * API keys, staff and registered recipients in memory; `addKey`, `addStaff` and `addRecipient`
 * hand out working secrets.
 */
export function credentialStores() {
  const keys = new Map<string, ApiKeyRecord>();
  const recipients = new Map<string, RecipientAccount>();
  const members = new Map<string, Membership>();
  const issuer = tokenIssuer();
  const lookups = { apiKeys: 0, recipients: 0 };
  const memberLookups = { count: 0 };
  const apiKeys: ApiKeyRepository = {
    findByHash: async (hash) => {
      lookups.apiKeys++;
      return keys.get(hash);
    },
    create: async () => {},
    list: async () => ({ items: [] }),
    get: async () => undefined,
    revoke: async () => {},
  };
  const recipientRepo: Pick<RecipientRepository, 'getByUser'> = {
    getByUser: async (userId) => {
      lookups.recipients++;
      return recipients.get(userId);
    },
  };
  const memberships: Pick<MembershipRepository, 'getByUser'> = {
    getByUser: async (userId) => {
      memberLookups.count++;
      return members.get(userId);
    },
  };
  let n = 0;
  return {
    apiKeys,
    people: { tokens: issuer.verifier, members: memberships, recipients: recipientRepo },
    lookups,
    memberLookups,
    members,
    /** A member of `tenantId` with `role` and an access token of the pool. */
    addStaff(
      tenantId: string,
      role: StaffRole,
      options: { status?: Membership['status']; tokenSeconds?: number } = {},
    ) {
      // Unique in the process: the staff caller's cache is per container, like in Lambda.
      const userId = `user-${randomUUID().slice(0, 8)}`;
      members.set(userId, {
        userId,
        tenantId,
        email: `${userId}@example.es`,
        role,
        status: options.status ?? 'active',
        createdAt: new Date(0).toISOString(),
        version: 1,
      });
      return { userId, token: issuer.issue(userId, options.tokenSeconds) };
    },
    addKey(tenantId: string, revokedAt?: string) {
      const secret = generateApiKeySecret();
      const id = `key_${++n}`;
      keys.set(hashApiKey(secret), {
        id,
        tenantId,
        name: 'test',
        prefix: secret.slice(0, 10),
        hash: hashApiKey(secret),
        createdAt: new Date(0).toISOString(),
        ...(revokedAt ? { revokedAt } : {}),
      });
      return { secret, keyId: id };
    },
    /** A registered recipient of `taxId` and an access token of its user (in the recipients' group). */
    addRecipient(recipientId: string, taxId: string, options: { tokenSeconds?: number } = {}) {
      const userId = `rcp-user-${randomUUID().slice(0, 8)}`;
      recipients.set(userId, {
        id: recipientId,
        taxId,
        email: `${recipientId}@recipient.example`,
        userId,
        createdAt: new Date(0).toISOString(),
        emailKeyId: 'onb_email',
        issuerKeyId: 'onb_issuer',
      });
      return issuer.issue(userId, options.tokenSeconds, [RECIPIENT_GROUP]);
    },
  };
}

/** The DynamoDB store's semantics in memory: one claim per key, locks that expire. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly items = new Map<
    string,
    { fingerprint: string; lockedUntil?: number; outcome?: StoredOutcome }
  >();
  readonly calls: string[] = [];

  async claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim> {
    this.calls.push(`claim ${key}`);
    const item = this.items.get(key);
    if (!item || (!item.outcome && item.lockedUntil! < Date.now())) {
      this.items.set(key, { fingerprint, lockedUntil: Date.now() + lockSeconds * 1000 });
      return { state: 'claimed' };
    }
    return this.interpret(item, fingerprint);
  }

  async peek(key: string, fingerprint: string): Promise<IdempotencyState> {
    this.calls.push(`peek ${key}`);
    const item = this.items.get(key);
    return item ? this.interpret(item, fingerprint) : { state: 'absent' };
  }

  async complete(key: string, outcome: StoredOutcome): Promise<void> {
    this.calls.push(`complete ${key}`);
    const item = this.items.get(key)!;
    this.items.set(key, { fingerprint: item.fingerprint, outcome: structuredClone(outcome) });
  }

  async release(key: string): Promise<void> {
    this.calls.push(`release ${key}`);
    if (!this.items.get(key)?.outcome) this.items.delete(key);
  }

  private interpret(
    item: { fingerprint: string; outcome?: StoredOutcome },
    fingerprint: string,
  ): Exclude<IdempotencyClaim, { state: 'claimed' }> {
    if (item.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (item.outcome) return { state: 'completed', outcome: structuredClone(item.outcome) };
    return { state: 'in-progress' };
  }
}
