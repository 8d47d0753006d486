// Tenant settings (notifications, payment defaults, branding).
export * from './get-settings.ts';
export * from './iban.ts';
export * from './logo.ts';
export * from './self-invoicing.ts';
export * from './settings.ts';
export * from './update-settings.ts';
