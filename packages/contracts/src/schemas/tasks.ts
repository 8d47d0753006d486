// Schemas of the tasks area (automatic tasks, their runs and work orders).
export {};
