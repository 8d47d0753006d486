import { ENV } from '@sello/contracts';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { readStageConfig } from '../../infra/config.ts';
import { pacEnvironment } from '../../infra/constructs/access.ts';
import { CONTEXT } from './support.ts';

const config = (context: Record<string, string>) => readStageConfig(new App({ context }).node);
const { pacUrl: _url, pacCredentialsSecret: _secret, ...withoutPac } = CONTEXT;

describe("a stage's PAC", () => {
  it('is SW Sapien at a URL, with its account in a named secret; the functions that stamp get the names only', () => {
    const stage = config(CONTEXT);
    expect(stage.pac).toEqual({
      provider: 'sw-sapien',
      url: 'https://services.test.sw.com.mx',
      credentialsSecret: 'sello/test/pac',
    });
    expect(pacEnvironment(stage, ['table:read', 'pac:stamp'])).toEqual({
      [ENV.pac]: 'sw-sapien',
      [ENV.pacUrl]: 'https://services.test.sw.com.mx',
      [ENV.pacCredentialsSecret]: 'sello/test/pac',
    });
    expect(pacEnvironment(stage, ['table:read'])).toEqual({});
  });

  it('is optional: a stage without one stamps nothing and tells no function about a PAC', () => {
    const stage = config(withoutPac);
    expect(stage.pac).toBeUndefined();
    expect(pacEnvironment(stage, ['pac:stamp'])).toEqual({});
  });

  it('refuses half a configuration, another provider, plain http and an ARN for a name', () => {
    expect(() => config({ ...withoutPac, pacUrl: 'https://services.sw.com.mx' })).toThrow(
      /go together/,
    );
    expect(() => config({ ...CONTEXT, pac: 'finkok' })).toThrow(/must be sw-sapien/);
    expect(() => config({ ...CONTEXT, pacUrl: 'http://services.sw.com.mx' })).toThrow(/https/);
    expect(() =>
      config({
        ...CONTEXT,
        pacCredentialsSecret: 'arn:aws:secretsmanager:eu-west-1:1:secret:x',
      }),
    ).toThrow(/secret name/);
  });
});
