export * from './run-repository.ts';
export * from './task-repository.ts';
export * from './work-order-repository.ts';
