// Work centres (a workshop's branches): their address goes on invoices, their series numbers them.

export * from './centres.ts';
export * from './model.ts';
