// The exchange area's public surface (imports, inbox status changes).
export * from './errors.ts';
export * from './exchange-invoice.ts';
export * from './from-document.ts';
export * from './import-invoices.ts';
export * from './inbox.ts';
export * from './inbox-id.ts';
export * from './model.ts';
export * from './ports.ts';
export * from './status.ts';
export * from './view.ts';
