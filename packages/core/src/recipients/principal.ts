/** A registered recipient signed in to read its inbox (invoices addressed to its tax id). */
export interface RecipientPrincipal {
  kind: 'recipient';
  recipientId: string;
  taxId: string;
}
