/**
 * Webhook signatures.
 *
 * ## Verifying a webhook (for ERP developers)
 *
 * Sello POSTs `application/json` with these headers:
 *
 * - `Sello-Event`: the event type, e.g. `invoice.issued`.
 * - `Sello-Delivery`: the delivery id; the same on every retry of the same event to the same URL.
 * - `Sello-Signature`: `t=<unix seconds>,v1=<hex>`.
 *
 * The body is `{"id", "type", "occurredAt", "tenantId", "data"}`. `id` is the event id: the same
 * event may arrive more than once (retries, timeouts), so process each `id` once.
 *
 * To check that a request comes from Sello and was not altered:
 *
 * 1. Read the raw body bytes exactly as received (before any JSON parsing).
 * 2. Split `Sello-Signature` on `,` into `t` and one or more `v1` values.
 * 3. Compute HMAC-SHA256 with the subscription's secret (the whole `whsec_…` string, as UTF-8) as
 *    key over `<t>.<raw body>`, hex encoded (lower case).
 * 4. Compare it with each `v1` in constant time (e.g. `crypto.timingSafeEqual`); one must match.
 * 5. Refuse the request if `t` is more than 5 minutes away from your clock (replays).
 *
 * Answer with any 2xx within 5 seconds; anything else (or no answer) is retried with backoff
 * (about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h), then the delivery is marked failed. Redirects
 * are not followed. Every attempt is listed in `GET /v1/webhooks/{id}/deliveries`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new signing secret: `whsec_` and 32 random bytes, base64url (256 bits). */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** Hex HMAC-SHA256 of `<t>.<body>` keyed with the secret string. */
export const webhookSignature = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/** The `Sello-Signature` header value for one attempt. */
export const webhookSignatureHeader = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${webhookSignature(secret, timestamp, body)}`;

/** Default tolerance between the signature's `t` and the verifier's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Checks a `Sello-Signature` header as a receiver should (see the module comment); what our
 * tests use, and a reference for ERP developers.
 */
export function verifyWebhookSignature(
  header: string,
  body: string,
  secret: string,
  options: { now: Date; toleranceSeconds?: number },
): boolean {
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  const tolerance = options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(options.now.getTime() / 1000) - timestamp) > tolerance) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
