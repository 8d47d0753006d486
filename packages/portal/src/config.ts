const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The developer tools (an API key in place of a staff session) exist only where the portal is
 * served by the local platform or by Vite: never on a deployed stage.
 */
export const developerTools: boolean =
  import.meta.env.DEV || LOOPBACK.has(globalThis.location?.hostname ?? '');
