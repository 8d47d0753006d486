import { fileURLToPath } from 'node:url';
import { ENV } from '@sello/contracts';
import { SubmissionFault, type Submitter } from '@sello/core';
import { optionalEnv } from '../config.ts';
import { verifactuConfig } from '../dynamo/wiring.ts';
import { AeatSoapSubmitter } from './aeat-soap-submitter.ts';
import { SandboxSubmitter } from './sandbox-submitter.ts';

let built: Submitter | undefined;

/**
 * The submitter `SELLO_VERIFACTU_SUBMITTER` names, one per container (the sandbox remembers the
 * invoices it registered): `sandbox` on the local platform and in tests, `aeat` for AEAT itself
 * (its test or production endpoint per SELLO_VERIFACTU_ENVIRONMENT). Unset: nothing is sent.
 */
export function verifactuSubmitter(): Submitter | undefined {
  if (built) return built;
  const kind = optionalEnv(ENV.verifactuSubmitter);
  if (!kind) return undefined;
  if (kind === 'sandbox') {
    // The AEAT schemas live with the test fixtures; the sandbox runs from the repository only.
    const schemaPath = fileURLToPath(
      new URL('../../../../test/fixtures/schemas/verifactu/SuministroLR.xsd', import.meta.url),
    );
    built = new SandboxSubmitter({ schemaPath });
  } else if (kind === 'aeat') {
    built = new AeatSoapSubmitter({
      environment: verifactuConfig()?.environment ?? 'test',
      // The client certificate is to be kept sealed (SecretBox, `sealedCredentials`); where the
      // sealed value is stored is not decided yet, so until then every run is a fault and the
      // records wait, pending.
      credentials: async () => {
        throw new SubmissionFault('No client certificate is configured for AEAT submission');
      },
    });
  } else {
    throw new Error(`${ENV.verifactuSubmitter} must be sandbox or aeat, not ${kind}`);
  }
  return built;
}
