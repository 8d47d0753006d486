export * from './http-handler.ts';
export * from './job-handler.ts';
export * from './logger.ts';
export { forgetApiKey } from './middleware/auth/api-key.ts';
export type { Caller, CredentialStores } from './middleware/auth/caller.ts';
export { authenticate, type Principal } from './middleware/auth/callers.ts';
export * from './problem.ts';
export * from './responses.ts';
export * from './validate.ts';
