// Automatic invoicing of a customer's deposits: its policy, the schedule and the runs.
export * from './model.ts';
export * from './policies.ts';
export * from './run/deposit-invoicer.ts';
export * from './run/invoicer.ts';
export * from './run/mail-texts.ts';
export * from './run/per-deposit.ts';
export * from './run/run-policy.ts';
export * from './runs.ts';
export * from './schedule.ts';
