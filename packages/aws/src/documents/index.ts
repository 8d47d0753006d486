/**
 * Document rendering, storage and mail: a separate entry point because the renderers (pdf-lib,
 * xml-crypto) weigh ~800 KB, and only the functions that produce documents should carry them.
 */
export * from '../s3/artifact-store.ts';
export * from '../ses/ses-mailer.ts';
export * from './invoice-renderer.ts';
export * from './wiring.ts';
