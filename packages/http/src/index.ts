export * from './auth.ts';
export * from './http-handler.ts';
export * from './job-handler.ts';
export * from './logger.ts';
export * from './problem.ts';
export * from './responses.ts';
export * from './validate.ts';
