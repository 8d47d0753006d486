import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the same password', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // a salt per hash
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', a)).toBe(false);
    expect(await verifyPassword('correct horse battery staple', 'plain')).toBe(false);
  });

  it('must have 12 to 256 characters', () => {
    expect(() => checkPassword('short-pass1')).toThrow('Password too short or too long');
    expect(() => checkPassword('twelve chars')).not.toThrow();
    expect(() => checkPassword('x'.repeat(257))).toThrow();
  });
});
