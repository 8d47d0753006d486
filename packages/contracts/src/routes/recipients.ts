import { defineRoute, type RouteDef, type TriggeredDef } from '../route.ts';
import { IdParams, PageQuery, pageOf } from '../schemas/common.ts';
import {
  CreatedOnboardingKey,
  OnboardingKey,
  OnboardingKeyInput,
  Recipient,
  RecipientLoginInput,
  RecipientRegistrationInput,
  SignedInRecipient,
} from '../schemas/recipients.ts';
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
    access: readWrite,
    summary:
      'Create a recipient account with both onboarding keys (consumed) and sign it in; failed attempts are rate limited',
    tag: 'Recipients',
    request: { body: RecipientRegistrationInput },
    responses: {
      201: { description: 'Registered and signed in', schema: SignedInRecipient },
      403: problem(
        'A key is wrong, spent, revoked, expired or for another tax id; `errors` names it',
      ),
      409: problem('The tax id or the e-mail already has an account'),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
  loginRecipient: defineRoute({
    id: 'loginRecipient',
    method: 'POST',
    path: '/v1/recipients/login',
    entry: 'functions/recipients/login-recipient.ts',
    auth: 'public',
    access: readWrite,
    summary:
      'Sign a recipient in with its e-mail (or tax id) and password; failed attempts are rate limited',
    tag: 'Recipients',
    request: { body: RecipientLoginInput },
    responses: {
      200: { description: 'Signed in', schema: SignedInRecipient },
      401: problem('Wrong e-mail, tax id or password'),
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
    summary: 'The signed-in recipient',
    tag: 'Recipients',
    responses: { 200: { description: 'The recipient', schema: Recipient } },
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const recipientsTriggered = {} as const satisfies Record<string, TriggeredDef>;
