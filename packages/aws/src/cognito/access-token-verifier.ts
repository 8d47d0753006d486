import { UnauthorizedError } from '@sello/core/errors';
import type { AccessTokenClaims, AccessTokenVerifier } from '@sello/core/staff';
import { JwtVerifier } from 'aws-jwt-verify';
import { CognitoJwtVerifier, validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { UserPool } from './identity-provider.ts';

export interface TokenIssuer extends UserPool {
  /**
   * The issuer when it is not Cognito's own (`https://cognito-idp.<region>.amazonaws.com/<pool>`):
   * cognito-local's `http://127.0.0.1:<port>/<pool>`. Its keys are at
   * `<issuer>/.well-known/jwks.json`, as Cognito publishes them.
   */
  issuer?: string | undefined;
}

/** Fetches over plain `fetch`: aws-jwt-verify's own fetcher speaks https only (cognito-local is http). */
const plainFetcher: Fetcher = {
  fetch: async (uri) => {
    const res = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`${uri} answered ${res.status}`);
    return res.arrayBuffer();
  },
};

/**
 * Verifies the pool's access tokens offline with aws-jwt-verify: signature against the pool's
 * published keys (fetched once per container, again only for an unknown key id), issuer, client
 * id, `token_use: access` and expiry. Every refusal is an UnauthorizedError.
 */
export class CognitoAccessTokenVerifier implements AccessTokenVerifier {
  readonly #verify: (token: string) => Promise<JwtPayload>;

  /** `fetcher` replaces the network for the keys (tests). */
  constructor(pool: TokenIssuer, fetcher?: Fetcher) {
    if (pool.issuer) {
      const issuer = pool.issuer.replace(/\/+$/, '');
      const verifier = JwtVerifier.create(
        {
          issuer,
          jwksUri: `${issuer}/.well-known/jwks.json`,
          audience: null, // access tokens carry client_id, not aud: checked below
          customJwtCheck: ({ payload }) =>
            validateCognitoJwtFields(payload, { tokenUse: 'access', clientId: pool.clientId }),
        },
        { jwksCache: new SimpleJwksCache({ fetcher: fetcher ?? plainFetcher }) },
      );
      this.#verify = (token) => verifier.verify(token);
    } else {
      const verifier = CognitoJwtVerifier.create(
        { userPoolId: pool.userPoolId, tokenUse: 'access', clientId: pool.clientId },
        fetcher ? { jwksCache: new SimpleJwksCache({ fetcher }) } : undefined,
      );
      this.#verify = (token) => verifier.verify(token);
    }
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    let payload: JwtPayload;
    try {
      payload = await this.#verify(token);
    } catch (error) {
      throw error instanceof JwtExpiredError
        ? new UnauthorizedError('The access token expired; refresh it or sign in again')
        : new UnauthorizedError('Invalid access token; sign in again');
    }
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') {
      throw new UnauthorizedError('Invalid access token; sign in again');
    }
    const groups = payload['cognito:groups'];
    return {
      userId: payload.sub,
      expiresAt: payload.exp,
      groups: Array.isArray(groups) ? groups.filter((g) => typeof g === 'string') : [],
    };
  }
}
