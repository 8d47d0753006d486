export * from './local-scheduler.ts';
export * from './local-scheduler-port.ts';
export * from './schedule-store.ts';
