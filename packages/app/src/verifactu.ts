import { fileURLToPath } from 'node:url';
import { KmsSecretBox } from '@sello/aws';
import { AeatSoapSubmitter, SandboxSubmitter, sealedCredentials } from '@sello/aws/verifactu';
import { ENV } from '@sello/contracts';
import { NotFoundError } from '@sello/core/errors';
import { getInvoice } from '@sello/core/invoices';
import { systemClock, ulidIds } from '@sello/core/ports';
import type { Submitter } from '@sello/core/verifactu';
import * as core from '@sello/core/verifactu';
// A separate entry point: node-forge is bundled only into the functions that read PKCS#12.
import { readPkcs12 } from '@sello/signing/pkcs12';
import { kmsClient } from './clients.ts';
import { optionalEnv, requireEnv, verifactuConfig } from './config.ts';
import { repositories } from './repositories.ts';
import { invoiceVerifactuView } from './verifactu-view.ts';

let built: Submitter | undefined;

/** The SecretBox over the platform's secrets key, which seals the tenants' AEAT certificates. */
export const verifactuSecretBox = () => new KmsSecretBox(kmsClient(), requireEnv(ENV.secretsKeyId));

/** Where the local sandbox finds AEAT's schemas: with the test fixtures, in the repository. */
export const sandboxSchemaPath = () =>
  fileURLToPath(
    new URL('../../../test/fixtures/schemas/verifactu/SuministroLR.xsd', import.meta.url),
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
      credentials: sealedCredentials(verifactuSecretBox(), repositories().submitterCertificates),
    });
  } else {
    throw new Error(`${ENV.verifactuSubmitter} must be sandbox or aeat, not ${kind}`);
  }
  return built;
}

const r = () => repositories();

/** The environment whose QR base URL the views print. */
const environment = () => verifactuConfig()?.environment ?? 'test';

/** An invoice's VERI*FACTU view: its latest record as XML, the QR URL, the history. */
export function getInvoiceVerifactu() {
  const get = getInvoice({ invoices: r().invoices });
  return async (tenantId: string, invoiceId: string) => {
    const invoice = await get(tenantId, invoiceId);
    const history = await r().verifactu.ofInvoice(tenantId, invoice.id);
    if (history.length === 0) throw new NotFoundError('VERI*FACTU record of invoice', invoiceId);
    return invoiceVerifactuView(invoice, history, environment());
  };
}

/** Subsanación: a new record correcting one AEAT rejected or accepted with errors. */
export function remedyVerifactuRecord() {
  const config = verifactuConfig();
  const remedy = core.remedyRecord({
    invoices: r().invoices,
    tenants: r().tenants,
    records: r().verifactuRemedies,
    clock: systemClock,
    ...(config ? { system: config.system } : {}),
  });
  return async (...args: Parameters<typeof remedy>) => {
    const { invoice, history } = await remedy(...args);
    return { invoice, view: invoiceVerifactuView(invoice, history, environment()) };
  };
}

/** The tenant's records in generation order, paged. */
export function listVerifactuRecords() {
  const { verifactu } = r();
  return verifactu.list.bind(verifactu);
}

/** The tenant's submissions to AEAT, paged. */
export function listVerifactuSubmissions() {
  const { verifactuSubmissions } = r();
  return verifactuSubmissions.batches.bind(verifactuSubmissions);
}

export const verifyVerifactuChain = () => core.verifyTenantChain({ verifactu: r().verifactu });

/** What is known of the certificate presenting the tenant's records (never the key). */
export function getVerifactuSubmitterCertificate() {
  const { submitterCertificates } = r();
  return submitterCertificates.submitterCertificate.bind(submitterCertificates);
}

export const putVerifactuSubmitterCertificate = () =>
  core.putSubmitterCertificate({
    certificates: r().submitterCertificates,
    secrets: verifactuSecretBox(),
    readPkcs12,
    clock: systemClock,
  });

/** The scheduled sender; undefined where no submitter is configured (nothing is sent). */
export function submitVerifactuRecords() {
  const submitter = verifactuSubmitter();
  return submitter
    ? core.submitAll({
        submissions: r().verifactuSubmissions,
        submitter,
        tenants: r().tenants,
        clock: systemClock,
        ids: ulidIds,
      })
    : undefined;
}

export { invoiceVerifactuView } from './verifactu-view.ts';
