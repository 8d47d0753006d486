import type { SealedSecret } from '../ports/secrets.ts';

/**
 * Connectors forward an issued invoice to where its receiver takes it: FACe (Spain's hub for
 * invoices to public administrations), an insurer's e-invoicing platform, a local sandbox. Each
 * is an adapter of the `Connector` port (./connector.ts); the invoice keeps one `Forwarding` per
 * connector. This file imports nothing of the invoices, whose model imports it.
 */

/** The connectors Sello knows; the route's `{connector}` and the invoice's `forwarding` use these. */
export const CONNECTOR_IDS = ['face', 'insurer-platform', 'sandbox'] as const;
export type ConnectorId = (typeof CONNECTOR_IDS)[number];

/**
 * A user's own credentials on an external platform. Stored only sealed (KMS envelope encryption,
 * per user); never returned by a route, never logged.
 */
export interface ConnectorCredentials {
  username: string;
  password: string;
  /** The NIF the user files under on that platform. */
  taxId: string;
}

/**
 * `sending`: handed to the connector; `delivered`: the receiver's platform took it and answered a
 * registry number; `rejected`: it refused it (its code and message say why; fix and forward again);
 * `failed`: it could not be reached or answered nothing usable (retryable as is).
 */
export type ForwardingStatus = 'sending' | 'delivered' | 'rejected' | 'failed';

/** An invoice's delivery through one connector, as the invoice shows it. */
export interface Forwarding {
  connector: ConnectorId;
  status: ForwardingStatus;
  /** The receiving platform's registry number (FACe's número de registro). */
  registryNumber?: string;
  /** The receiving platform's status once it moves on (e.g. FACe "Registrada", "Pagada"). */
  receiverStatus?: string;
  error?: { code: string; message: string };
  /** The user whose credentials forwarded it (for platforms reached per user). */
  userId?: string;
  attempts: number;
  at: string;
  /**
   * Internal (never shown): until when the run that took this attempt holds it, so a second
   * delivery of the same async invoke does not forward twice, while a retry after a crash may.
   */
  leaseUntil?: string;
}

/** Whether `id` names a connector Sello knows. */
export const isConnectorId = (id: string): id is ConnectorId =>
  (CONNECTOR_IDS as readonly string[]).includes(id);

/**
 * A user's credentials for one connector as stored: username and password only sealed (one
 * `SealedSecret` of `{username, password}` under `connectorSecretContext`); the tax id, printed on
 * every invoice the user files, is kept readable so the profile can show it.
 */
export interface StoredConnectorCredentials {
  tenantId: string;
  userId: string;
  connector: ConnectorId;
  taxId: string;
  sealed: SealedSecret;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a sealed credential is bound to: tenant, user and connector, so the value copied to another
 * user's (or connector's, or tenant's) item fails to open.
 */
export const connectorSecretContext = (
  c: Pick<StoredConnectorCredentials, 'tenantId' | 'userId' | 'connector'>,
) => ({
  purpose: 'connector-credentials',
  tenantId: c.tenantId,
  userId: c.userId,
  connector: c.connector,
});

export interface ConnectorCredentialsRepository {
  /** Creates or replaces the user's credentials for `connector`. */
  put(credentials: StoredConnectorCredentials): Promise<void>;
  get(
    tenantId: string,
    userId: string,
    connector: ConnectorId,
  ): Promise<StoredConnectorCredentials | undefined>;
  /** The user's credentials, one per connector, in connector order. */
  list(tenantId: string, userId: string): Promise<StoredConnectorCredentials[]>;
  /** Answers whether there was anything to delete. */
  delete(tenantId: string, userId: string, connector: ConnectorId): Promise<boolean>;
}

/** What the forwarding step is handed (an async invoke: it may come twice). */
export interface ForwardJob {
  tenantId: string;
  invoiceId: string;
  connector: ConnectorId;
  /** The attempt it runs: a job for an attempt that is no longer current does nothing. */
  attempt: number;
}
