export * from './get-signing-certificate.ts';
export * from './put-signing-certificate.ts';
export * from './signing-identity.ts';
export * from './trust.ts';
