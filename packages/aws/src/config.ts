import { ENV } from '@sello/contracts';

/** Reads a required variable, failing fast at cold start with the variable's name. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
}

export const optionalEnv = (name: string): string | undefined => process.env[name] || undefined;

export const tableName = () => requireEnv(ENV.tableName);
export const artifactBucket = () => requireEnv(ENV.artifactBucket);
export const stage = () => optionalEnv(ENV.stage) ?? 'local';
