import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  verifyWebhookSignature,
  webhookSignature,
  webhookSignatureHeader,
} from './signature.ts';

const secret = 'whsec_c2VsbG8tdGVzdC1zZWNyZXQ';
const body = '{"id":"invoice.issued:inv_1","type":"invoice.issued"}';
const t = 1795428900; // 2026-11-23T10:15:00Z
// openssl dgst -sha256 -hmac "$secret" over "1795428900.<body>": an independent computation.
const EXPECTED = '12ee10a4103146554332a48ff358fd5fb9056a85546ecd4b0b9768e02d1050e1';
const at = (seconds: number) => ({ now: new Date(seconds * 1000) });

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "<t>.<body>" keyed with the secret string', () => {
    expect(webhookSignature(secret, t, body)).toBe(EXPECTED);
    expect(webhookSignatureHeader(secret, t, body)).toBe(`t=${t},v1=${EXPECTED}`);
  });

  it('verifies what it signs, within five minutes either way', () => {
    const header = webhookSignatureHeader(secret, t, body);
    expect(verifyWebhookSignature(header, body, secret, at(t))).toBe(true);
    expect(verifyWebhookSignature(header, body, secret, at(t + 300))).toBe(true);
    expect(verifyWebhookSignature(header, body, secret, at(t - 300))).toBe(true);
    expect(verifyWebhookSignature(header, body, secret, at(t + 301))).toBe(false);
  });

  it('refuses another body, secret or timestamp, and malformed headers', () => {
    const header = webhookSignatureHeader(secret, t, body);
    expect(verifyWebhookSignature(header, `${body} `, secret, at(t))).toBe(false);
    expect(verifyWebhookSignature(header, body, `${secret}x`, at(t))).toBe(false);
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhookSignature(moved, body, secret, at(t))).toBe(false);
    expect(verifyWebhookSignature(`v1=${EXPECTED}`, body, secret, at(t))).toBe(false);
    expect(verifyWebhookSignature(`t=${t}`, body, secret, at(t))).toBe(false);
    expect(verifyWebhookSignature(`t=${t},v1=${EXPECTED.slice(1)}`, body, secret, at(t))).toBe(
      false,
    );
  });

  it('accepts any matching v1 (a header may carry several during a secret rotation)', () => {
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${EXPECTED}`;
    expect(verifyWebhookSignature(header, body, secret, at(t))).toBe(true);
  });

  it('makes 256-bit secrets with a recognisable prefix, never the same twice', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(6), 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
