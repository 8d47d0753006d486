import type { PartySnapshot } from '@sello/core/invoices';
// The core's VERI*FACTU fixtures (an issued invoice from the tax engine, the system identity).
import { ISSUER, IVA21, issued, line, SYSTEM } from '@sello/core/testing/verifactu';
import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  type ChainLink,
  linkOf,
  type RecipientIdType,
} from '@sello/core/verifactu';

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
