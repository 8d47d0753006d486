export * from './local-secret-box.ts';
export * from './local-signer.ts';
