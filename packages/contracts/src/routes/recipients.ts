import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  CreatedOnboardingKey,
  OnboardingKey,
  OnboardingKeyInput,
  Recipient,
  RecipientRegistrationInput,
} from '../schemas/recipients.ts';
import { SignedIn } from '../schemas/staff.ts';
import { problem, read, readWrite } from './shared.ts';

/** Routes of this area; spread into the route table in ../routes.ts. */
export const recipientsRoutes = {
  createOnboardingKey: defineRoute({
    id: 'createOnboardingKey',
    method: 'POST',
    path: '/v1/onboarding-keys',
    entry: 'functions/recipients/create-onboarding-key.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      'Create the issuer key a recipient needs, with the key from its notification mail, to register; shown once',
    tag: 'Recipients',
    request: { body: OnboardingKeyInput },
    responses: {
      201: { description: 'Created', schema: CreatedOnboardingKey },
      409: problem('The tax id already has an account'),
    },
  }),
  listOnboardingKeys: defineRoute({
    id: 'listOnboardingKeys',
    method: 'GET',
    path: '/v1/onboarding-keys',
    entry: 'functions/recipients/list-onboarding-keys.ts',
    auth: 'tenant',
    access: read,
    summary: "The tenant's issuer keys, oldest first, without secrets",
    tag: 'Recipients',
    request: { query: PageQuery },
    responses: { 200: { description: 'A page of keys', schema: pageOf(OnboardingKey) } },
  }),
  revokeOnboardingKey: defineRoute({
    id: 'revokeOnboardingKey',
    method: 'DELETE',
    path: '/v1/onboarding-keys/{id}',
    entry: 'functions/recipients/revoke-onboarding-key.ts',
    auth: 'tenant',
    access: readWrite,
    summary: 'Revoke an unused issuer key at once',
    tag: 'Recipients',
    request: { params: IdParams },
    responses: {
      204: { description: 'Revoked' },
      404: problem('No such key'),
      409: problem('The key was already used'),
    },
  }),
  registerRecipient: defineRoute({
    id: 'registerRecipient',
    method: 'POST',
    path: '/v1/recipients/register',
    entry: 'functions/recipients/register-recipient.ts',
    auth: 'public',
    // Creates the recipient's user in the Cognito pool once the keys allowed it.
    access: [...readWrite, 'users:manage'],
    summary:
      'Create a recipient account with both onboarding keys (consumed), then its user in the ' +
      'user pool, and sign it in as POST /v1/auth/sign-in does (refresh cookie set); failed ' +
      'attempts are rate limited',
    tag: 'Recipients',
    request: { body: RecipientRegistrationInput },
    responses: {
      201: {
        description:
          'Registered and signed in (`user.kind` recipient); `Set-Cookie: sello_refresh=…`',
        schema: SignedIn,
      },
      403: problem(
        'A key is wrong, spent, revoked, expired or for another tax id; `errors` names it',
      ),
      409: problem('The tax id or the e-mail already has an account'),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
  getCurrentRecipient: defineRoute({
    id: 'getCurrentRecipient',
    method: 'GET',
    path: '/v1/recipients/me',
    entry: 'functions/recipients/get-current-recipient.ts',
    auth: 'session',
    access: read,
    summary: "The signed-in recipient (a registered recipient's access token)",
    tag: 'Recipients',
    responses: { 200: { description: 'The recipient', schema: Recipient } },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const recipientsTriggered = {
  migrateRecipientAccounts: defineTriggered({
    id: 'migrateRecipientAccounts',
    entry: 'functions/recipients/migrate-recipient-accounts.ts',
    // Scans for accounts with Sello's own password hashes, makes their users in the pool, mails
    // each a link to choose a password, and deletes Sello's own sessions.
    access: ['table:read', 'table:write', 'mail:send', 'users:manage'],
    summary:
      'Operator action, once after the move to Cognito: gives every recipient account with a ' +
      'password hash of its own a user in the pool, mails it a link to choose a password, ' +
      "deletes the hash and Sello's own sessions",
    trigger: { kind: 'invoke' },
    timeoutSeconds: 900,
  }),
} as const satisfies Record<string, TriggeredDef>;
