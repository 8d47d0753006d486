import { ENV, functionArnEnv, SELLO_VERSION } from '@sello/contracts';
import { sistemaInformatico } from '@sello/core/verifactu';

/**
 * The runtime configuration: every environment variable the platform reads is read here, by the
 * names in `@sello/contracts` ENV that the CDK stack sets. Adapters take what they need as
 * constructor arguments, so none of them reads the environment.
 */

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

/**
 * The ARN of triggered function `id`, as CDK passes it to the functions that may reach it (see
 * `functionArnEnv`). Missing means the caller's route does not declare it: fail with the name.
 */
export const functionArn = (id: string): string => requireEnv(functionArnEnv(id));

/** `npm start` serves the portal next to the API on port 3000. */
export const LOCAL_PORTAL_URL = 'http://localhost:3000';

/** The web portal's public base URL, used in notification links. */
export const portalUrl = () => optionalEnv(ENV.portalUrl) ?? LOCAL_PORTAL_URL;

/** VERI*FACTU settings from the environment; records are generated only when configured. */
export function verifactuConfig() {
  const producerNif = optionalEnv(ENV.verifactuProducerNif);
  if (!producerNif) return undefined;
  return {
    system: sistemaInformatico({
      producerName: optionalEnv(ENV.verifactuProducerName) ?? 'Sello',
      producerNif,
      version: SELLO_VERSION,
      installation: optionalEnv(ENV.verifactuInstallation) ?? 'default',
    }),
    environment: (optionalEnv(ENV.verifactuEnvironment) === 'production' ? 'production' : 'test') as
      | 'test'
      | 'production',
  };
}

/**
 * The user pool staff sign in to, when the stack configured one: its id, the portal's app client
 * and, locally, cognito-local's issuer. Without it staff tokens are refused and API keys work.
 */
export function userPool() {
  const userPoolId = optionalEnv(ENV.userPoolId);
  const clientId = optionalEnv(ENV.userPoolClientId);
  if (!userPoolId || !clientId) return undefined;
  return { userPoolId, clientId, issuer: optionalEnv(ENV.userPoolIssuer) };
}

/** The operator's extra trusted CAs for tax-id proof (PEM bundle), if any. */
export const trustedCasPem = () => optionalEnv(ENV.trustedCasPem);

/** The user pool, for the operations that cannot run without one (signing in, managing users). */
export function requireUserPool() {
  const pool = userPool();
  if (!pool)
    throw new Error(`Missing environment variables ${ENV.userPoolId} and ${ENV.userPoolClientId}`);
  return pool;
}
