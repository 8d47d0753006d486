export * from './key-importer.ts';
export * from './kms-secret-box.ts';
export * from './kms-signer.ts';
