import {
  type BillingRecord,
  buildRegistroAlta,
  buildRegistroAnulacion,
  type ChainLink,
  computeInvoice,
  type Invoice,
  type LineInput,
  linkOf,
  type PartySnapshot,
  type RecipientIdType,
  type SistemaInformatico,
} from '@sello/core';

/*
 * The core's VERI*FACTU fixtures (the system identity, an issued invoice from the tax engine), as
 * in packages/core/src/verifactu/testing.ts: copied until core has a testing entry point, since no
 * package reads another's src/.
 */
const SYSTEM: SistemaInformatico = {
  NombreRazon: 'Sello Software S.L.',
  NIF: 'B87654321',
  NombreSistemaInformatico: 'Sello',
  IdSistemaInformatico: 'SE',
  Version: '0.1.0',
  NumeroInstalacion: 'eu-south-2-1',
  TipoUsoPosibleSoloVerifactu: 'S',
  TipoUsoPosibleMultiOT: 'S',
  IndicadorMultiplesOT: 'S',
};

const ISSUER: PartySnapshot = {
  taxId: 'B12345674',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Sello Demo Servicios S.L.',
  address: { line1: 'Calle de Alcalá 45', city: 'Madrid', postalCode: '28014', country: 'ES' },
};

const SPANISH_CUSTOMER: PartySnapshot = {
  taxId: 'A58818501',
  taxIdKind: 'ES_CIF',
  personType: 'legalEntity',
  name: 'Distribuciones Mediterráneo S.A.',
  address: { line1: 'Carrer de Balmes 200', city: 'Barcelona', postalCode: '08006', country: 'ES' },
};

const IVA21 = [{ type: 'IVA' as const, rate: '21' }];

const line = (
  description: string,
  quantity: string,
  unitPrice: string,
  taxes: LineInput['taxes'],
): LineInput => ({ description, quantity, unitPrice, taxes });

function issued(lines: LineInput[], overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv_1',
    tenantId: 'ten_1',
    status: 'issued',
    kind: 'standard',
    customerId: 'cus_1',
    series: 'F',
    number: 'F2026-000001',
    issueDate: '2026-03-16',
    currency: 'EUR',
    language: 'es',
    issuer: ISSUER,
    customer: SPANISH_CUSTOMER,
    ...computeInvoice(lines),
    events: [],
    version: 1,
    createdAt: '2026-03-16T08:00:00Z',
    updatedAt: '2026-03-16T08:00:00Z',
    issuedAt: '2026-03-16T08:00:00Z',
    ...overrides,
  };
}

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
