import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

const TTL_MS = 5 * 60_000;

/**
 * The text of an operator's secret in AWS Secrets Manager (a PAC account's credentials), read
 * when first needed and kept for five minutes per container, so a rotation reaches every
 * container soon without a read per request. The value is never logged.
 */
export class SecretsManagerText {
  readonly #cache = new Map<string, { value: Promise<string>; until: number }>();

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly now: () => number = Date.now,
  ) {}

  text(secretId: string): Promise<string> {
    const cached = this.#cache.get(secretId);
    if (cached && cached.until > this.now()) return cached.value;
    const value = this.client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((out) => {
        if (typeof out.SecretString !== 'string')
          throw new Error(`Secret ${secretId} holds no text (SecretString)`);
        return out.SecretString;
      });
    this.#cache.set(secretId, { value, until: this.now() + TTL_MS });
    value.catch(() => this.#cache.delete(secretId));
    return value;
  }
}
