import { describe, expect, it } from 'vitest';
import { checkPassword } from './password.ts';

describe('passwords', () => {
  it('must have 12 to 256 characters', () => {
    expect(() => checkPassword('short-pass1')).toThrow('Password too short or too long');
    expect(() => checkPassword('twelve chars')).not.toThrow();
    expect(() => checkPassword('x'.repeat(257))).toThrow();
  });
});
