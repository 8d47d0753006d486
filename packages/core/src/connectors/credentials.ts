import { NotFoundError, ValidationError } from '../errors.ts';
import { validateTaxId } from '../parties/tax-id.ts';
import type { Clock } from '../ports/clock.ts';
import type { SecretBox } from '../ports/secrets.ts';
import {
  type ConnectorCredentials,
  type ConnectorCredentialsRepository,
  type ConnectorId,
  connectorSecretContext,
  type StoredConnectorCredentials,
} from './model.ts';

/** The signed-in person whose credentials these are. */
export interface CredentialOwner {
  tenantId: string;
  userId: string;
}

export interface PutCredentialsDeps {
  credentials: Pick<ConnectorCredentialsRepository, 'get' | 'put'>;
  secrets: Pick<SecretBox, 'seal'>;
  clock: Clock;
}

/**
 * Stores the user's credentials for a connector, replacing any it had: username and password are
 * sealed together under tenant, user and connector; the tax id must be a valid Spanish NIF, CIF
 * or NIE (the platforms file under it) and is kept normalised. Answers what is stored, which
 * holds no plaintext secret.
 */
export const putConnectorCredentials =
  (deps: PutCredentialsDeps) =>
  async (
    owner: CredentialOwner,
    connector: ConnectorId,
    input: ConnectorCredentials,
  ): Promise<StoredConnectorCredentials> => {
    const check = validateTaxId(input.taxId, 'ES');
    if (!check.valid) {
      throw new ValidationError('Invalid taxId', [{ path: 'taxId', message: check.reason }]);
    }
    const now = deps.clock.now().toISOString();
    const previous = await deps.credentials.get(owner.tenantId, owner.userId, connector);
    const key = { tenantId: owner.tenantId, userId: owner.userId, connector };
    const stored: StoredConnectorCredentials = {
      ...key,
      taxId: check.normalized,
      sealed: await deps.secrets.seal(
        JSON.stringify({ username: input.username, password: input.password }),
        connectorSecretContext(key),
      ),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
    };
    await deps.credentials.put(stored);
    return stored;
  };

export const listConnectorCredentials =
  (deps: { credentials: Pick<ConnectorCredentialsRepository, 'list'> }) =>
  (owner: CredentialOwner): Promise<StoredConnectorCredentials[]> =>
    deps.credentials.list(owner.tenantId, owner.userId);

export const deleteConnectorCredentials =
  (deps: { credentials: Pick<ConnectorCredentialsRepository, 'delete'> }) =>
  async (owner: CredentialOwner, connector: ConnectorId): Promise<void> => {
    if (!(await deps.credentials.delete(owner.tenantId, owner.userId, connector))) {
      throw new NotFoundError('Connector credentials', connector);
    }
  };

/**
 * The credentials opened, for the one request that forwards with them. Rejects when the sealed
 * value does not open under this item's own tenant, user and connector (tampered, or copied from
 * another item).
 */
export async function openConnectorCredentials(
  secrets: Pick<SecretBox, 'open'>,
  stored: StoredConnectorCredentials,
): Promise<ConnectorCredentials> {
  const text = await secrets.open(stored.sealed, connectorSecretContext(stored));
  const { username, password } = JSON.parse(text) as { username: string; password: string };
  return { username, password, taxId: stored.taxId };
}

/** The API shape: never the password, nor the username (it is stored only sealed). */
export const connectorCredentialsView = (c: StoredConnectorCredentials) => ({
  connector: c.connector,
  taxId: c.taxId,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
