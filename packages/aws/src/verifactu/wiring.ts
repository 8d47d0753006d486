import { fileURLToPath } from 'node:url';
import { ENV } from '@sello/contracts';
import type { Submitter } from '@sello/core';
import { kmsClient } from '../clients.ts';
import { optionalEnv, requireEnv } from '../config.ts';
import { repositories } from '../dynamo/repositories.ts';
import { verifactuConfig } from '../dynamo/wiring.ts';
import { KmsSecretBox } from '../kms/kms-secret-box.ts';
import { AeatSoapSubmitter, sealedCredentials } from './aeat-soap-submitter.ts';
import { SandboxSubmitter } from './sandbox-submitter.ts';

let built: Submitter | undefined;

/** The SecretBox over the platform's secrets key, which seals the tenants' AEAT certificates. */
export const verifactuSecretBox = () => new KmsSecretBox(kmsClient(), requireEnv(ENV.secretsKeyId));

/** Where the local sandbox finds AEAT's schemas: with the test fixtures, in the repository. */
export const sandboxSchemaPath = () =>
  fileURLToPath(
    new URL('../../../../test/fixtures/schemas/verifactu/SuministroLR.xsd', import.meta.url),
  );

/**
 * The submitter `SELLO_VERIFACTU_SUBMITTER` names, one per container (the sandbox remembers the
 * invoices it registered): `sandbox` on the local platform and in tests, `aeat` for AEAT itself
 * (its test or production endpoint per SELLO_VERIFACTU_ENVIRONMENT), presenting each tenant's
 * records with the certificate the tenant uploaded. Unset: nothing is sent.
 */
export function verifactuSubmitter(): Submitter | undefined {
  if (built) return built;
  const kind = optionalEnv(ENV.verifactuSubmitter);
  if (!kind) return undefined;
  if (kind === 'sandbox') {
    // The AEAT schemas live with the test fixtures; the sandbox runs from the repository only.
    built = new SandboxSubmitter({ schemaPath: sandboxSchemaPath() });
  } else if (kind === 'aeat') {
    built = new AeatSoapSubmitter({
      environment: verifactuConfig()?.environment ?? 'test',
      credentials: sealedCredentials(verifactuSecretBox(), repositories().verifactu),
    });
  } else {
    throw new Error(`${ENV.verifactuSubmitter} must be sandbox or aeat, not ${kind}`);
  }
  return built;
}
