// Sales tickets: import (idempotent by reference), reads, and what self-invoicing claims of them.

export * from './decline-late-request.ts';
export * from './document-grants.ts';
export * from './get-ticket.ts';
export * from './global-invoice.ts';
export * from './import-tickets.ts';
export * from './mexican-invoicer.ts';
export * from './model.ts';
export * from './self-invoicing.ts';
export * from './spanish-invoicer.ts';
export * from './validate.ts';
