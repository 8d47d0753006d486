/**
 * The id a buyer uses for an invoice in its inbox. An invoice id is only unique within its issuer,
 * and an inbox spans issuers, so the id carries both. It is opaque to clients (base64url) but not
 * secret: every read checks that the invoice is addressed to the caller's tax id, so knowing an id
 * gives nothing to anyone else.
 */
const PREFIX = 'inb_';
const PART = /^[A-Za-z0-9_-]{1,64}$/;

export interface InboxRef {
  tenantId: string;
  invoiceId: string;
}

export const inboxId = (ref: InboxRef): string =>
  `${PREFIX}${Buffer.from(`${ref.tenantId}~${ref.invoiceId}`, 'utf8').toString('base64url')}`;

/** The issuer and invoice an inbox id names, or undefined for anything we did not make. */
export function parseInboxId(id: string): InboxRef | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const body = id.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  const [tenantId, invoiceId, ...rest] = Buffer.from(body, 'base64url').toString('utf8').split('~');
  if (rest.length || !tenantId || !invoiceId || !PART.test(tenantId) || !PART.test(invoiceId)) {
    return undefined;
  }
  return { tenantId, invoiceId };
}
