import type { Invoice } from '../invoices/model.ts';

/**
 * Connectors forward an issued invoice to where its receiver takes it: FACe (Spain's hub for
 * invoices to public administrations), an insurer's e-invoicing platform, a local sandbox. Each
 * is an adapter of the `Connector` port; the invoice keeps one `Forwarding` per connector.
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
}

/** What a connector is given to forward one invoice. */
export interface ForwardRequest {
  invoice: Invoice;
  /** The document the platform takes (a signed Facturae for FACe and Spanish insurers). */
  document: { format: string; mediaType: string; fileName: string; body: Uint8Array };
  /** The user's credentials, for connectors reached per user. */
  credentials?: ConnectorCredentials;
  /** Files sent along with the document (FACe's anexos), where the platform takes them. */
  attachments?: { mediaType: string; fileName: string; body: Uint8Array }[];
}

export interface ForwardResult {
  status: Extract<ForwardingStatus, 'delivered' | 'rejected'>;
  registryNumber?: string;
  receiverStatus?: string;
  error?: { code: string; message: string };
}

/**
 * One receiving platform. `forward` answers `delivered` or `rejected` for an answer the platform
 * gave, and throws when it could not be reached: the caller
 * records `failed` and the invoice may be forwarded again.
 */
export interface Connector {
  id: ConnectorId;
  /** Whether it needs the user's credentials (`ConnectorCredentials`) to forward. */
  perUserCredentials: boolean;
  forward(request: ForwardRequest): Promise<ForwardResult>;
}
