/**
 * The document formats' facts for the API's clients (the portal lists, names and offers formats
 * from them): the catalog of `@sello/core/formats`, data and pure predicates only.
 */
export {
  DELIVERY_FORMATS,
  type DeliveryFormat,
  FORMAT_IDS,
  type FormatFacts,
  type FormatId,
  formatFacts,
  INBOX_FORMATS,
  INVOICE_FORMATS,
  type InboxFormat,
} from '@sello/core/formats';
