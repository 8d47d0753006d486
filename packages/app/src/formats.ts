/**
 * The domain's `FormatCatalog` port: the facts of every format, from the formats' registry
 * (`@sello/formats/facts`, data and predicates only, no builder), for the use cases and for the
 * handlers that name documents' files.
 */
export { formats } from '@sello/formats/facts';
