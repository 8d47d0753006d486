import * as z from 'zod';

/**
 * The one password rule, shared by the API's schemas and the Cognito user pool (infra), so the
 * browser, the API and the pool refuse the same passwords. Length only, no character classes:
 * NIST SP 800-63B §5.1.1.2 finds composition rules make passwords weaker and more predictable,
 * and a long passphrase is what people can remember.
 */
export const PASSWORD_POLICY = { minLength: 12, maxLength: 256 } as const;

/** A password someone chooses (sign-up, invitation, reset, recipient registration). */
export const NewPassword = z
  .string()
  .min(PASSWORD_POLICY.minLength)
  .max(PASSWORD_POLICY.maxLength)
  .describe(`${PASSWORD_POLICY.minLength} to ${PASSWORD_POLICY.maxLength} characters`);
