/**
 * Test helpers of the signing package (`@sello/signing/testing`), for its own tests and those of
 * the packages that sign or read certificates. Never imported by production code.
 */
export * from './c14n.ts';
export * from './certificates.ts';
export * from './digests.ts';
export * from './facturae.ts';
export * from './identity.ts';
