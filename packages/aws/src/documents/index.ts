/**
 * Document signing, storage and mail: a separate entry point because signing (xml-crypto, KMS)
 * and mail composition weigh on the bundles, and only the functions that make documents should
 * carry them. The PDF is drawn by the `renderInvoicePdf` function alone (see invoked.ts).
 */
export * from '../s3/artifact-store.ts';
export * from '../ses/ses-mailer.ts';
export * from './invoice-renderer.ts';
export * from './invoked.ts';
export * from './wiring.ts';
