// Test doubles for the middleware unit tests: events, contexts and in-memory stores, no network.
import type {
  IdempotencyClaim,
  IdempotencyState,
  IdempotencyStore,
  StoredOutcome,
} from '@sello/core/ports';
import {
  newRecipientSession,
  type RecipientSession,
  type RecipientSessionRepository,
} from '@sello/core/recipients';
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

/** API keys and sessions in memory; `addKey` and `addSession` hand out working secrets. */
export function credentialStores() {
  const keys = new Map<string, ApiKeyRecord>();
  const sessions = new Map<string, RecipientSession>();
  const lookups = { apiKeys: 0, sessions: 0 };
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
  const sessionRepo: RecipientSessionRepository = {
    findByHash: async (hash) => {
      lookups.sessions++;
      return sessions.get(hash);
    },
    create: async () => {},
  };
  let n = 0;
  return {
    apiKeys,
    sessions: sessionRepo,
    lookups,
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
    addSession(recipientId: string, taxId: string, createdAt = new Date()) {
      const { token, session } = newRecipientSession({ id: recipientId, taxId }, createdAt);
      sessions.set(session.hash, session);
      return token;
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
