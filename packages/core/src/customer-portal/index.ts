// The customer portal: a registered recipient acting on its own deposits and invoices at the
// tenants it buys from, through the tenant's own use cases.

export * from './customer-at.ts';
export * from './deposits.ts';
export * from './invoices.ts';
export * from './model.ts';
