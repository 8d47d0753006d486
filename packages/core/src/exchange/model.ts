import type { SignatureReport, XmlInvoiceFormat } from '../documents/parsed.ts';

/**
 * Where an invoice stands for its buyer. `received` is implicit: an issued invoice is in its
 * buyer's inbox from the moment it is issued (or imported) and carries no recipient status until
 * the buyer acts on it.
 */
export const INBOX_STATUSES = ['received', 'accepted', 'rejected', 'paid'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** What a buyer may set. */
export const RECIPIENT_STATUSES = ['accepted', 'rejected', 'paid'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** The document an imported invoice was read from, kept byte for byte in the artifact store. */
export interface ImportedOriginal {
  format: XmlInvoiceFormat;
  /** e.g. "3.2.2", "2.1". */
  version?: string;
  /** As the client named the file, when it did. */
  filename?: string;
  /** Object key of the bytes as received. */
  key: string;
  /** Hex SHA-256 of those bytes. */
  sha256: string;
  size: number;
  /** The document's own signature as checked on import (absent when it had none). */
  signature?: Pick<SignatureReport, 'valid' | 'signingTime'> & { signer?: string };
  /** The invoice a corrective or credit note refers to, as the document names it. */
  preceding?: { number: string; issueDate?: string };
  importedAt: string;
}

/**
 * Attributes the exchange area keeps on the issuer's invoice item. Kept here rather than on
 * `Invoice` so the issuer's model stays as it is; the item carries them and reads return them.
 */
export interface ExchangeFields {
  /** `import`: issued by the tenant's own system and recorded here; absent when issued here. */
  origin?: 'import';
  imported?: ImportedOriginal;
  /** The buyer's last word on it; absent while it is only `received`. */
  recipientStatus?: RecipientStatus;
}

/**
 * Who acts on an inbox: a registered recipient, or a tenant reading invoices addressed to its own
 * tax id. Only the tax id decides what is visible.
 */
export interface InboxOwner {
  taxId: string;
  by: { kind: 'recipient'; recipientId: string } | { kind: 'tenant'; tenantId: string };
  /**
   * A tenant that has not proven its tax id is its own: its inbox reads as empty (anyone may sign
   * up with any valid tax id). Registered recipients proved theirs with the onboarding keys.
   */
  unproven?: true;
}
