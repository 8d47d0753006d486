// Prepaid deposits: import (idempotent by the payment's reference) and reads.

export * from './get-deposit.ts';
export * from './import-deposits.ts';
export * from './model.ts';
export * from './totals.ts';
export * from './treatment.ts';
export * from './validate.ts';
