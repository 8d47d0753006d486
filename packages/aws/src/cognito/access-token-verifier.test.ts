import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CognitoAccessTokenVerifier } from './access-token-verifier.ts';

const POOL = 'eu-south-2_TestPool1';
const CLIENT = 'client-portal';
const COGNITO_ISSUER = `https://cognito-idp.eu-south-2.amazonaws.com/${POOL}`;
const LOCAL_ISSUER = `http://127.0.0.1:9229/${POOL}`;

const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pool = keyPair();
const stranger = keyPair();

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT as Cognito signs them (RS256, kid of the pool's key), signed with `key`. */
function jwt(claims: Record<string, unknown>, key: KeyObject = pool.privateKey, kid = 'pool-key') {
  const head = b64({ alg: 'RS256', kid, typ: 'JWT' });
  const body = b64(claims);
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key).toString('base64url');
  return `${head}.${body}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);
const accessClaims = (issuer: string, extra: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  iss: issuer,
  client_id: CLIENT,
  token_use: 'access',
  iat: now() - 10,
  exp: now() + 3600,
  ...extra,
});

/** The pool's published keys, served without any network; counts the fetches. */
function keys() {
  const jwk = {
    ...pool.publicKey.export({ format: 'jwk' }),
    kid: 'pool-key',
    alg: 'RS256',
    use: 'sig',
  };
  const fetched: string[] = [];
  return {
    fetched,
    fetcher: {
      fetch: async (uri: string) => {
        fetched.push(uri);
        return new TextEncoder().encode(JSON.stringify({ keys: [jwk] })).buffer as ArrayBuffer;
      },
    },
  };
}

describe.each([
  ['Cognito', COGNITO_ISSUER, undefined],
  ['a custom issuer (cognito-local)', LOCAL_ISSUER, LOCAL_ISSUER],
])('CognitoAccessTokenVerifier with %s', (_name, issuer, custom) => {
  const make = () => {
    const k = keys();
    const verifier = new CognitoAccessTokenVerifier(
      { userPoolId: POOL, clientId: CLIENT, issuer: custom },
      k.fetcher,
    );
    return { verifier, fetched: k.fetched };
  };
  const refusal = (verifier: CognitoAccessTokenVerifier, token: string) =>
    verifier.verify(token).then(
      () => expect.unreachable(),
      (e: Error & { code?: string }) => ({ code: e.code, message: e.message }),
    );
  const invalid = { code: 'unauthorized', message: 'Invalid access token; sign in again' };

  it('takes an access token of the pool and its client, reading the keys once', async () => {
    const { verifier, fetched } = make();
    const exp = now() + 3600;
    expect(await verifier.verify(jwt(accessClaims(issuer, { exp })))).toEqual({
      userId: 'user-1',
      expiresAt: exp,
      groups: [],
    });
    const inGroup = jwt(accessClaims(issuer, { exp, 'cognito:groups': ['recipients'] }));
    expect(await verifier.verify(inGroup)).toEqual({
      userId: 'user-1',
      expiresAt: exp,
      groups: ['recipients'],
    });
    await verifier.verify(jwt(accessClaims(issuer, { sub: 'user-2' })));
    expect(fetched).toEqual([`${issuer}/.well-known/jwks.json`]);
  });

  it('refuses a forged token: signed by another key under the pool key id', async () => {
    const { verifier } = make();
    expect(await refusal(verifier, jwt(accessClaims(issuer), stranger.privateKey))).toEqual(
      invalid,
    );
    // Claims changed after signing.
    const [head, , signature] = jwt(accessClaims(issuer)).split('.');
    const tampered = `${head}.${b64(accessClaims(issuer, { sub: 'someone-else' }))}.${signature}`;
    expect(await refusal(verifier, tampered)).toEqual(invalid);
    // No signature at all.
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(accessClaims(issuer))}.`;
    expect(await refusal(verifier, unsigned)).toEqual(invalid);
    expect(await refusal(verifier, 'not.a.jwt')).toEqual(invalid);
  });

  it('refuses an expired token, saying so', async () => {
    const { verifier } = make();
    const expired = jwt(accessClaims(issuer, { iat: now() - 7200, exp: now() - 60 }));
    expect(await refusal(verifier, expired)).toEqual({
      code: 'unauthorized',
      message: 'The access token expired; refresh it or sign in again',
    });
  });

  it('refuses a token of another pool, another client, or an id token', async () => {
    const { verifier } = make();
    const otherPool = issuer.replace(POOL, 'eu-south-2_OtherPool');
    expect(await refusal(verifier, jwt(accessClaims(otherPool)))).toEqual(invalid);
    expect(await refusal(verifier, jwt(accessClaims(issuer, { client_id: 'other' })))).toEqual(
      invalid,
    );
    const idToken = accessClaims(issuer, { token_use: 'id', aud: CLIENT });
    expect(await refusal(verifier, jwt(idToken))).toEqual(invalid);
  });
});
