import { lookup as dnsLookup } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  type HostResolver,
  isPublicAddress,
  type WebhookTransport,
  type WebhookTransportResult,
  type WebhookUrlPolicy,
} from '@sello/core/webhooks';

/** Raised by our lookup so the delivery log says why we did not connect. */
class RefusedAddressError extends Error {
  readonly code = 'ESELLO_REFUSED';
}

/**
 * Resolves like the default lookup, but fails when ANY address of the name is not public, and
 * hands the connection only the addresses it checked: the connection goes exactly where the check
 * looked, so a name that resolves differently later (DNS rebinding) gains nothing.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused || addresses.length === 0) {
      const shown = refused?.address ?? 'nothing';
      return callback(
        new RefusedAddressError(
          `Refused: ${hostname} resolves to ${shown}, which is not a public address`,
        ),
        '',
        0,
      );
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const describe = (error: Error & { code?: string }) =>
  error instanceof RefusedAddressError || !error.code
    ? error.message
    : `Connection failed (${error.code})`;

/**
 * POSTs webhooks with node:http(s). Under a policy that requires public addresses, IP literals
 * are checked here and names by `publicOnlyLookup` for every connection. Redirects are not
 * followed (a 3xx is a failed attempt), no connection is reused (a frozen Lambda's idle sockets
 * go stale), and the answer's body is not read: the status decides.
 */
export class NodeWebhookTransport implements WebhookTransport {
  /** The policy is read per request, so a test can switch production mode on and off. */
  constructor(private readonly policy: () => WebhookUrlPolicy) {}

  async post(request: {
    url: string;
    body: string;
    headers: Record<string, string>;
    timeoutMs: number;
  }): Promise<WebhookTransportResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const policy = this.policy();
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { error: 'Refused: not a URL', durationMs: 0 };
    }
    const host = url.hostname.toLowerCase();
    const allowedHttp = url.protocol === 'http:' && policy.allowLocalHttp && LOOPBACK.has(host);
    if (url.protocol !== 'https:' && !allowedHttp) {
      return { error: 'Refused: only https URLs receive webhooks', durationMs: 0 };
    }
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    if (policy.requirePublicAddresses && isIP(literal) && !isPublicAddress(literal)) {
      return { error: `Refused: ${literal} is not a public address`, durationMs: 0 };
    }

    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: WebhookTransportResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(result);
      };
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'Content-Length': Buffer.byteLength(request.body) },
          agent: false,
          ...(policy.requirePublicAddresses ? { lookup: publicOnlyLookup } : {}),
        },
        (res) => {
          finish({ statusCode: res.statusCode ?? 0, durationMs: elapsed() });
          res.destroy();
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`No answer within ${request.timeoutMs} ms`)),
        request.timeoutMs,
      );
      req.on('error', (error) => finish({ error: describe(error), durationMs: elapsed() }));
      req.end(request.body);
    });
  }
}

/**
 * Every address a name resolves to, for the check when a subscription is created. Gives up after
 * `timeoutMs` (a slow resolver must not hold the API request; delivery checks again anyway).
 */
export const resolveHostAddresses =
  (timeoutMs = 3_000): HostResolver =>
  async (hostname) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${hostname} did not resolve in time`)), timeoutMs);
    });
    try {
      const found = await Promise.race([lookupAll(hostname, { all: true }), timeout]);
      return found.map((a) => a.address);
    } finally {
      clearTimeout(timer);
    }
  };
