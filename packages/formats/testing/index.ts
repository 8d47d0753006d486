/**
 * Test helpers of the formats package (`@sello/formats/testing`), for its own tests and those of
 * the packages that build on its writers. Never imported by production code.
 */
export * from './facturae.ts';
