import type { ResetPasswordInput } from '@sello/contracts';
import * as z from 'zod';
import { TextInput } from '../../ui/fields.tsx';

/**
 * A link's form (accept an invitation, reset a password): the API's schema of `{token, password}`
 * plus a repeated password, checked in the browser and left out of the body.
 */
export function withConfirmation(
  // AcceptInvitationInput has the same shape.
  schema: typeof ResetPasswordInput,
  mismatch: string,
) {
  return schema.extend({ confirm: z.string() }).refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: mismatch,
  });
}

/** What is sent: the body without the repeated password. */
export const withoutConfirmation = <T extends { confirm?: unknown }>({ confirm: _, ...body }: T) =>
  body;

/** The link's token (hidden) and the new password, twice. */
export function NewPasswordFields({
  token,
  labels,
}: {
  token: string;
  labels: { password: string; hint: string; confirm: string };
}) {
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <TextInput
        name="password"
        label={labels.password}
        description={labels.hint}
        type="password"
        autoComplete="new-password"
        isRequired
      />
      <TextInput
        name="confirm"
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        isRequired
      />
    </>
  );
}
