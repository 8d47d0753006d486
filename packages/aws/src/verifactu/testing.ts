import { generateKeyPairSync } from 'node:crypto';
import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  type ChainLink,
  linkOf,
  type PartySnapshot,
  type RecipientIdType,
} from '@sello/core';
// The core's VERI*FACTU fixtures (an issued invoice from the tax engine, the system identity).
import { ISSUER, IVA21, issued, line, SYSTEM } from '@sello/core/testing/verifactu';
import forge from 'node-forge';
import type { TestCertificate } from '../pkcs12-testing.ts';

/** A correction (Subsanacion S) of the invoice numbered `remedy`, with its RechazoPrevio. */
export interface Remedy {
  remedy: string;
  rechazo?: 'S' | 'X';
  recipientIdType?: RecipientIdType;
}

/** Test-only: a chain of real records (valid against the schema) for the submitter tests. */
export function chainOf(
  numbers: Array<string | { void: string } | Remedy>,
  options: {
    issuer?: Partial<PartySnapshot>;
    customer?: PartySnapshot;
    issueDate?: string;
    previous?: ChainLink;
  } = {},
): BillingRecord[] {
  const issuer = { ...ISSUER, ...options.issuer };
  const issueDate = options.issueDate ?? '2026-03-16';
  let previous = options.previous;
  const generatedAt = new Date('2026-03-16T09:00:00Z');
  return numbers.map((n) => {
    const number = typeof n === 'string' ? n : 'void' in n ? n.void : n.remedy;
    const invoice = issued([line('Consultoría', '1', '100.00', IVA21)], {
      issuer,
      issueDate,
      number,
      ...(options.customer ? { customer: options.customer } : {}),
    });
    const record =
      typeof n === 'string' || 'remedy' in n
        ? buildRegistroAlta(invoice, {
            system: SYSTEM,
            generatedAt,
            timezone: 'Europe/Madrid',
            ...(previous ? { previous } : {}),
            ...(typeof n === 'string'
              ? {}
              : {
                  remedy: { Subsanacion: 'S', ...(n.rechazo ? { RechazoPrevio: n.rechazo } : {}) },
                  ...(n.recipientIdType ? { recipientIdType: n.recipientIdType } : {}),
                }),
          })
        : buildRegistroAnulacion(invoice, {
            system: SYSTEM,
            generatedAt,
            timezone: 'Europe/Madrid',
            ...(previous ? { previous } : {}),
          });
    previous = linkOf(record);
    return record;
  });
}

export const OBLIGADO = { NombreRazon: ISSUER.name, NIF: ISSUER.taxId };
export const TENANT = 'ten_1';

/**
 * Test-only: a TLS server certificate for 127.0.0.1 issued by `ca` (a test CA from
 * ../pkcs12-testing.ts), for a local HTTPS server standing in for AEAT's endpoint.
 */
export function serverCertificate(ca: TestCertificate): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ format: 'pem', type: 'spki' }) as string,
  );
  cert.serialNumber = '1f2e3d4c5b6a';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ shortName: 'CN', value: 'localhost' }]);
  cert.setIssuer(ca.subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  cert.sign(
    forge.pki.privateKeyFromPem(ca.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string),
    forge.md.sha256.create(),
  );
  return {
    cert: forge.pki.certificateToPem(cert),
    key: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  };
}
