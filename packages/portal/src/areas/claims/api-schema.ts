type Schemas = typeof import('./schemas.ts');

/** One of the area's API schemas for `useApiForm`, imported when the form first needs it. */
export const apiSchema = <K extends keyof Schemas>(name: K) => ({
  load: async (): Promise<Schemas[K]> => (await import('./schemas.ts'))[name],
});
