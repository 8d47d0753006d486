import type { Invoice } from '../invoices/model.ts';
import type { ConnectorCredentials, ConnectorId, ForwardingStatus } from './model.ts';

/**
 * The connector port, apart from ./model.ts so that the invoice's model (which names
 * `Forwarding`) and this (which names the invoice) import each other in one direction only.
 */

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

/** The connectors this stage can forward through (a connector not configured is absent). */
export interface ConnectorRegistry {
  get(id: ConnectorId): Connector | undefined;
}
