/**
 * The document formats' facts for the API's clients (the portal lists, names, labels and offers
 * formats from them): the registry's facts module, `@sello/formats/facts`, data and pure
 * predicates only, so the portal's bundle carries no builder.
 */
export {
  DEFAULT_DELIVERY_FORMATS,
  DELIVERY_FORMATS,
  type DeliveryFormat,
  FORMAT_IDS,
  type FormatFacts,
  type FormatId,
  formatFacts,
  formatLabel,
  formats,
  INBOX_FORMATS,
  INVOICE_FORMATS,
  type InboxFormat,
  STORED_FORMATS,
} from '@sello/formats/facts';
