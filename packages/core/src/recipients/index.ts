// The recipients area's public surface (onboarding keys, recipient accounts and their migration).
export * from './account.ts';
export * from './attempts.ts';
export * from './migrate.ts';
export * from './model.ts';
export * from './notification-texts.ts';
export * from './notify.ts';
export * from './onboarding-keys.ts';
export * from './principal.ts';
export * from './register.ts';
export { SECRET_PREFIX as RECIPIENT_SECRET_PREFIX } from './secrets.ts';
export * from './tax-id.ts';
