import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  type ChainLink,
  linkOf,
  type PartySnapshot,
} from '@sello/core';
// The core's VERI*FACTU fixtures (an issued invoice from the tax engine, the system identity).
import { ISSUER, IVA21, issued, line, SYSTEM } from '../../../core/src/verifactu/testing.ts';

/** Test-only: a chain of real records (valid against the schema) for the submitter tests. */
export function chainOf(
  numbers: Array<string | { void: string }>,
  options: { issuer?: Partial<PartySnapshot>; issueDate?: string; previous?: ChainLink } = {},
): BillingRecord[] {
  const issuer = { ...ISSUER, ...options.issuer };
  const issueDate = options.issueDate ?? '2026-03-16';
  let previous = options.previous;
  const generatedAt = new Date('2026-03-16T09:00:00Z');
  return numbers.map((n) => {
    const invoice = issued([line('Consultoría', '1', '100.00', IVA21)], {
      issuer,
      issueDate,
      number: typeof n === 'string' ? n : n.void,
    });
    const record =
      typeof n === 'string'
        ? buildRegistroAlta(invoice, {
            system: SYSTEM,
            generatedAt,
            timezone: 'Europe/Madrid',
            ...(previous ? { previous } : {}),
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
