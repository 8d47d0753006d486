import { describe, expect, it } from 'vitest';
import { ResetPasswordInput } from './staff.ts';
import { SignUpInput } from './tenants.ts';

describe('the password rule', () => {
  it('takes a long passphrase of lower-case words, as the user pool does', () => {
    const parsed = ResetPasswordInput.safeParse({ token: 't', password: 'río verde de abril' });
    expect(parsed.success).toBe(true);
  });

  it('refuses a password one character short, naming the field', () => {
    const parsed = ResetPasswordInput.safeParse({ token: 't', password: 'Ab1!Ab1!Ab1' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['password']);
  });

  it("is the owner's rule at sign-up too", () => {
    const owner = { name: 'Ana', email: 'ana@example.com', password: 'short' };
    const parsed = SignUpInput.safeParse({ owner });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('owner.password');
  });
});
