/**
 * What the local platform and the tests reach into: the shared clients, the configuration, the
 * repositories, and the hooks that swap in the local invoker and scheduler. Functions use the
 * area modules instead.
 */
export * from './clients.ts';
export * from './config.ts';
export * from './identity.ts';
export * from './invoker.ts';
export * from './repositories.ts';
export * from './scheduler.ts';
