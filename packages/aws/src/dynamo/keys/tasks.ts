/**
 * Keys of the tasks area (automatic tasks, their runs and work orders). Part of the one key design in ../keys.ts: list each
 * item's pk / sk / index keys here as that file's table does.
 */
export const tasksKeys = {} as const;
