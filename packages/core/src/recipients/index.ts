// The recipients area's public surface (onboarding keys, recipient accounts and sessions).
export * from './principal.ts';
