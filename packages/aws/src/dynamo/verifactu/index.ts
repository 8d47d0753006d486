/** The VERI*FACTU adapters of the single table, one per core port. */
export { chainItems, toChainHead } from './chain.ts';
export * from './record-repository.ts';
export * from './remedy-repository.ts';
export * from './submission-repository.ts';
export * from './submitter-certificate-repository.ts';
