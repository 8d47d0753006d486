/**
 * A registered recipient signed in (an access token of the identity provider whose user is in
 * RECIPIENT_GROUP) to read its inbox: invoices addressed to its tax id.
 */
export interface RecipientPrincipal {
  kind: 'recipient';
  recipientId: string;
  taxId: string;
}
