import { describe, expect, it } from 'vitest';
import { generateSecret, hashSecret, looksLikeSecret, sameHash } from './secrets.ts';

describe('recipient secrets', () => {
  it('are prefixed, URL-safe and of a fixed length per kind', () => {
    expect(generateSecret('session')).toMatch(/^sess_[0-9A-Za-z]{43}$/);
    expect(generateSecret('emailKey')).toMatch(/^ekey_[0-9A-Za-z]{32}$/);
    expect(generateSecret('issuerKey')).toMatch(/^ikey_[0-9A-Za-z]{32}$/);
    const many = new Set(Array.from({ length: 1000 }, () => generateSecret('emailKey')));
    expect(many.size).toBe(1000);
  });

  it('are told apart by shape before any lookup', () => {
    const session = generateSecret('session');
    expect(looksLikeSecret('session', session)).toBe(true);
    expect(looksLikeSecret('emailKey', session)).toBe(false);
    expect(looksLikeSecret('session', `sello_${'a'.repeat(40)}`)).toBe(false);
    expect(looksLikeSecret('session', `${session}x`)).toBe(false);
    expect(looksLikeSecret('issuerKey', `ikey_${'-'.repeat(32)}`)).toBe(false);
  });

  it('are compared by hash', () => {
    const hash = hashSecret('ekey_abc');
    expect(hash).toBe('bcd9a772bbdacdebac93fa17d995ba5d94b6319f9f7b54ec1bd56c3b38879863');
    expect(sameHash(hash, hashSecret('ekey_abc'))).toBe(true);
    expect(sameHash(hash, hashSecret('ekey_abd'))).toBe(false);
    expect(sameHash(hash, 'not hex')).toBe(false);
  });
});
