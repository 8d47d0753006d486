// Connectors: each user's credentials for external platforms (sealed) and forwarding issued
// invoices through the connectors, with their delivery status on the invoice.

export * from './connector.ts';
export * from './credentials.ts';
export * from './forward.ts';
export * from './model.ts';
export * from './view.ts';
