// The tasks area's public surface (automatic tasks, their runs and work orders).
export * from './create-task.ts';
export * from './delete-task.ts';
export * from './deps.ts';
export * from './document-id.ts';
export * from './get-task.ts';
export * from './list-task-runs.ts';
export * from './list-tasks.ts';
export * from './model.ts';
export * from './run/mail-texts.ts';
export * from './run/makers.ts';
export * from './run/run-occurrence.ts';
export * from './schedule.ts';
export * from './task-input.ts';
export * from './update-task.ts';
export * from './view.ts';
export * from './work-orders/index.ts';
