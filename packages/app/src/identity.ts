import { CognitoAccessTokenVerifier, CognitoIdentityProvider } from '@sello/aws';
import { cognitoClient } from './clients.ts';
import { requireUserPool, userPool } from './config.ts';

/**
 * The identity provider (Cognito) and the verifier of its access tokens, once per container: the
 * verifier keeps the pool's keys, fetched on first use.
 */
let provider: CognitoIdentityProvider | undefined;
export function identityProvider() {
  provider ??= new CognitoIdentityProvider(cognitoClient(), requireUserPool());
  return provider;
}

let verifier: CognitoAccessTokenVerifier | undefined;
/** The verifier of staff access tokens, or undefined where no user pool is configured. */
export function accessTokenVerifier() {
  const pool = userPool();
  if (!pool) return undefined;
  verifier ??= new CognitoAccessTokenVerifier(pool);
  return verifier;
}
