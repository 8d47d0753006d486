// The tasks area's public surface (automatic tasks, their runs and work orders).
export {};
