export * from './csd-identity.ts';
export * from './get-signing-certificate.ts';
export * from './put-csd.ts';
export * from './put-signing-certificate.ts';
export * from './signing-identity.ts';
export * from './trust.ts';
