/**
 * Test helpers of the AWS adapters (`@sello/aws/testing`), for their own tests and the
 * integration tests. Never imported by production code. Certificates come from
 * `@sello/signing/testing`.
 */
export * from './verifactu.ts';
