import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerText, type SwSapienCredentials, SwSapienPac } from '@sello/aws/pac';
import { ENV } from '@sello/contracts';
import { type Pac, PacUnavailableError } from '@sello/core/ports';
import { optionalEnv, requireEnv } from './config.ts';

/**
 * The stage's PAC, which stamps and cancels CFDI: chosen by `SELLO_PAC` (`sw-sapien`, the only
 * adapter; `npm start` and the tests point it at the sandbox PAC, which speaks SW's protocol), at
 * `SELLO_PAC_URL`, with the account's credentials read from the Secrets Manager secret that
 * `SELLO_PAC_CREDENTIALS_SECRET` names. A stage without a PAC answers 503 when asked to stamp.
 */
let built: Pac | undefined;

export function pac(): Pac {
  built ??= build();
  return built;
}

function build(): Pac {
  const provider = optionalEnv(ENV.pac);
  if (!provider) return unconfigured;
  if (provider !== 'sw-sapien') {
    throw new Error(`${ENV.pac} is "${provider}"; the PACs Sello speaks to: sw-sapien`);
  }
  const secret = requireEnv(ENV.pacCredentialsSecret);
  const secrets = new SecretsManagerText(new SecretsManagerClient({}));
  return new SwSapienPac({
    url: requireEnv(ENV.pacUrl),
    credentials: async () => credentialsOf(await secrets.text(secret), secret),
  });
}

/** `{"user", "password"}` or `{"token"}`; a secret of another shape is the operator's to fix. */
export function credentialsOf(text: string, secret: string): SwSapienCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PacUnavailableError(`The PAC secret ${secret} is not JSON`, 300);
  }
  const v = value as Record<string, unknown>;
  if (typeof v.token === 'string' && v.token) return { token: v.token };
  if (typeof v.user === 'string' && typeof v.password === 'string')
    return { user: v.user, password: v.password };
  throw new PacUnavailableError(
    `The PAC secret ${secret} holds neither {"user", "password"} nor {"token"}`,
    300,
  );
}

const unconfigured: Pac = {
  stamp: () =>
    Promise.reject(new PacUnavailableError('No PAC is configured for this stage (SELLO_PAC)', 300)),
  cancel: () =>
    Promise.reject(new PacUnavailableError('No PAC is configured for this stage (SELLO_PAC)', 300)),
};

/** For the tests and the local platform: build again from the environment. */
export const forgetPac = () => {
  built = undefined;
};
