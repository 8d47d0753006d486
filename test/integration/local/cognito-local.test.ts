import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import {
  localCognitoClient,
  startCognitoLocal,
} from '../../../packages/local/src/services/cognito.ts';
import { accepts, listeningAddresses, nonLoopbackIPv4 } from '../../support/listening.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'sello-cognito-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('cognito-local', () => {
  it('listens on loopback only, keeps its data in the data folder and reuses its pool', async () => {
    const first = await startCognitoLocal({ dataDir });
    let port: number;
    try {
      port = Number(new URL(first.endpoint).port);
      expect(new URL(first.endpoint).hostname).toBe('127.0.0.1');
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
      const outside = nonLoopbackIPv4();
      if (outside) expect(await accepts(outside, port)).toBe(false);

      // The portal's app client: no secret, password sign-in and refresh tokens.
      const client = localCognitoClient(first.endpoint);
      const { UserPoolClient } = await client.send(
        new DescribeUserPoolClientCommand({
          UserPoolId: first.userPoolId,
          ClientId: first.clientId,
        }),
      );
      client.destroy();
      expect(UserPoolClient?.ClientSecret).toBeUndefined();
      expect(UserPoolClient?.ExplicitAuthFlows?.sort()).toEqual([
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
      ]);
      expect(first.issuer).toBe(`${first.endpoint}/${first.userPoolId}`);
      const jwks = await fetch(`${first.issuer}/.well-known/jwks.json`);
      expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
      expect(existsSync(join(dataDir, '.cognito', 'db'))).toBe(true);
    } finally {
      await first.stop();
    }
    await expect(fetch(first.endpoint, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();

    const second = await startCognitoLocal({ dataDir });
    try {
      expect([second.userPoolId, second.clientId]).toEqual([first.userPoolId, first.clientId]);
    } finally {
      await second.stop();
    }
  });
});
