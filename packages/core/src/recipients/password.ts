import { ValidationError } from '../errors.ts';

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough to bound what is sent to the identity provider. */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Sello's own bound on a new password, checked before the identity provider (which keeps the
 * password and applies its pool's policy on top) is asked to set it.
 */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError('Password too short or too long', [
      {
        path: 'password',
        message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
      },
    ]);
  }
}
