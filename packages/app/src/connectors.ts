import { KmsSecretBox, KmsSigner } from '@sello/aws';
import { FaceConnector, InsurerPlatformConnector, SandboxConnector } from '@sello/aws/connectors';
import { ENV, triggered } from '@sello/contracts';
import type { Connector, ConnectorId, ConnectorRegistry } from '@sello/core/connectors';
import * as core from '@sello/core/connectors';
import type { Invoice } from '@sello/core/invoices';
import { type SecretBox, systemClock } from '@sello/core/ports';
import { kmsClient } from './clients.ts';
import { optionalEnv, requireEnv } from './config.ts';
import { artifactStore, identityOf, invokedDocuments } from './documents.ts';
import { formats } from './formats.ts';
import { invoker } from './invoker.ts';
import { repositories } from './repositories.ts';
import { webhookEvents } from './webhooks.ts';

/**
 * THE connector registry: how this stage reaches each connector, or `undefined` where it is not
 * configured (forwarding through it is then refused with a 409 naming `connector`). One line per
 * connector; each builds its adapter from the environment.
 */
const CONNECTORS: { readonly [C in ConnectorId]: () => Connector | undefined } = {
  // FACe (public administrations; SELLO_FACE_URL): SOAP signed with the tenant's own key in KMS
  // and the certificate its Facturae is signed with; FACe knows the provider by it.
  face: () => {
    const endpoint = optionalEnv(ENV.faceUrl);
    return endpoint
      ? new FaceConnector({ endpoint, signer: new KmsSigner(kmsClient()), identityOf })
      : undefined;
  },
  // An insurer's e-invoicing platform, each user with their own account (SELLO_INSURER_PLATFORM_URL).
  'insurer-platform': () => {
    const url = optionalEnv(ENV.insurerPlatformUrl);
    return url ? new InsurerPlatformConnector({ url }) : undefined;
  },
  // Inside Sello, on every stage: for trying the flow.
  sandbox: () => new SandboxConnector(),
};

let built: Map<ConnectorId, Connector> | undefined;

/** The connectors configured here, built once per container on first use. */
export const connectorRegistry = (): ConnectorRegistry => {
  built ??= new Map(
    Object.entries(CONNECTORS).flatMap(([id, make]) => {
      const connector = make();
      return connector ? [[id as ConnectorId, connector] as const] : [];
    }),
  );
  const connectors = built;
  return { get: (id) => connectors.get(id) };
};

/** For the tests and the local platform: build again from the environment. */
export const forgetConnectors = () => {
  built = undefined;
};

let secretBox: SecretBox | undefined;

/** Seals and opens users' connector credentials with the platform's secrets key. */
const connectorSecretBox = (): SecretBox => {
  secretBox ??= new KmsSecretBox(kmsClient(), requireEnv(ENV.secretsKeyId));
  return secretBox;
};

const r = () => repositories();

/** Needs table read/write and `secrets:encrypt`. */
export const putConnectorCredentials = () =>
  core.putConnectorCredentials({
    credentials: r().connectorCredentials,
    secrets: connectorSecretBox(),
    clock: systemClock,
  });

export const listConnectorCredentials = () =>
  core.listConnectorCredentials({ credentials: r().connectorCredentials });

export const deleteConnectorCredentials = () =>
  core.deleteConnectorCredentials({ credentials: r().connectorCredentials });

/** Records the attempt and hands it to `runForwarding` (declare it in the route's `invokes`). */
export const requestForwarding = () =>
  core.requestForwarding({
    invoices: r().invoices,
    credentials: r().connectorCredentials,
    connectors: connectorRegistry(),
    formats,
    clock: systemClock,
    handOver: (job) => invoker().handOver(triggered.runForwarding.id, job),
  });

/**
 * The document connectors take (the issuer country's signed original, e.g. the Facturae) as stored
 * at issue; made first by `ensureInvoiceDocuments` when the post-issue step has not stored it yet.
 */
async function forwardedDocument(invoice: Invoice) {
  const format = core.forwardedFormat(formats, invoice);
  if (!format) throw new Error(`Invoice ${invoice.id} has no original to forward`);
  const stored = await artifactStore().get(formats.artifactKey(invoice, format));
  const body = stored ?? (await invokedDocuments.ensure(invoice, [format]))[format];
  if (!body) throw new Error(`Invoice ${invoice.id} has no ${format} stored`);
  return {
    format,
    mediaType: formats.facts(format).mediaType,
    fileName: formats.fileName(invoice, format),
    body,
  };
}

/** The forwarding function's work: table read/write, artifacts, `secrets:decrypt`. */
export const runForwarding = () =>
  core.forwardInvoice({
    invoices: r().invoices,
    credentials: r().connectorCredentials,
    secrets: connectorSecretBox(),
    connectors: connectorRegistry(),
    document: forwardedDocument,
    clock: systemClock,
    events: webhookEvents(),
  });
