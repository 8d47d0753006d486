import { ValidationError } from '../errors.ts';
import type { Invoice, PartySnapshot } from '../invoices/model.ts';
import { cents, Dec, sum } from '../money/decimal.ts';
import type { TaxBreakdownRow } from '../taxes/model.ts';
import { RE_FOR_IVA } from '../taxes/rules.ts';
import { fecha, fechaHoraHuso, importe, invoiceId, nif, text } from './format.ts';
import { computeHuella } from './huella.ts';
import type {
  ChainLink,
  Destinatario,
  DetalleDesglose,
  RegistroAlta,
  SistemaInformatico,
} from './record.ts';

export interface AltaOptions {
  system: SistemaInformatico;
  /** The record generated just before this one (alta or anulación); absent on the first. */
  previous?: ChainLink;
  generatedAt: Date;
  /** The tenant's IANA zone: FechaHoraHusoGenRegistro carries its offset. */
  timezone: string;
  /** DescripcionOperacion; by default the corrective reason or the line descriptions. */
  description?: string;
  /**
   * The invoice a substitution corrective replaces. Its base and quota are ImporteRectificacion,
   * which AEAT requires with TipoRectificativa S, and the corrective alone does not carry them.
   */
  original?: Euros;
  /**
   * ImporteRectificacion as an earlier record of the same invoice wrote it, for a correction of
   * a substitution corrective (the replaced amounts do not change when the record is corrected).
   */
  importeRectificacion?: RegistroAlta['ImporteRectificacion'];
  /** Marks a correction of an earlier record of the invoice (see `remedyRecord`). */
  remedy?: Pick<RegistroAlta, 'Subsanacion' | 'RechazoPrevio'>;
  /** IDOtro/IDType for a recipient without a Spanish NIF, instead of the one derived from its id. */
  recipientIdType?: RecipientIdType;
}

/**
 * How a recipient without a Spanish NIF is identified (L7 of the record design): 02 NIF-IVA, 03
 * passport, 04 id in the country of residence, 05 residence certificate, 06 other document.
 * 07 (not registered) is for Spanish residents only and not offered.
 */
export const RECIPIENT_ID_TYPES = ['02', '03', '04', '05', '06'] as const;
export type RecipientIdType = (typeof RECIPIENT_ID_TYPES)[number];

function fail(path: string, message: string): never {
  throw new ValidationError(`VERI*FACTU: ${message}`, [{ path, message }]);
}

/**
 * TipoFactura of a corrective from its Facturae reason code. L2 of the record design (Orden
 * HAC/1177/2024 annex; SuministroInformacion.xsd ClaveTipoFacturaType): R1 error fundado en
 * derecho and LIVA art. 80 Uno, Dos and Seis; R2 art. 80 Tres (concurso); R3 art. 80 Cuatro
 * (bad debts, no Facturae code leads there); R4 every other cause.
 */
export const TIPO_FACTURA_BY_REASON: Readonly<Record<string, 'R1' | 'R2' | 'R4'>> = {
  // 01–16 fix a mention the invoice must carry (RD 1619/2012 art. 6 and 15), 80 the VAT charged
  // (LIVA art. 89): errors in law.
  ...Object.fromEntries(
    Array.from({ length: 16 }, (_, i) => [String(i + 1).padStart(2, '0'), 'R1' as const]),
  ),
  '80': 'R1',
  // The withholding is not an invoice mention nor part of the record (AEAT developer FAQ v1.3
  // §20), so correcting it is "resto".
  '81': 'R4',
  // Returned packaging and discounts (art. 80 Uno 1º–2º), operations left without effect (Dos).
  '82': 'R1',
  '83': 'R1',
  '84': 'R1',
  // Customer in insolvency proceedings: art. 80 Tres.
  '85': 'R2',
};

/**
 * F1 for an invoice; F3 for one issued in place of simplified invoices (tickets) at the buyer's
 * request ("factura emitida en sustitución de facturas simplificadas facturadas y declaradas",
 * L2 of the record design; RD 1619/2012 art. 7.2 and 15); R1–R4 for correctives.
 */
export function tipoFacturaOf(invoice: Invoice): RegistroAlta['TipoFactura'] {
  if (invoice.kind === 'standard') return invoice.substitutes?.length ? 'F3' : 'F1';
  const reason = invoice.corrective?.reasonCode;
  if (!reason) return fail('corrective', 'a corrective invoice needs its corrective data');
  return (
    TIPO_FACTURA_BY_REASON[reason] ??
    fail('corrective.reasonCode', `reason code ${reason} is not a Facturae ReasonCode`)
  );
}

/** The IVA rate a recargo de equivalencia rate goes with (LIVA art. 161). */
function ivaRateOf(reRate: string): string | undefined {
  return Object.entries(RE_FOR_IVA).find(([, re]) => re.includes(reRate))?.[0];
}

/**
 * Exports and operations assimilated to them (E2 art. 21, E3 art. 22 LIVA) use regime key 02:
 * AEAT rejects E2/E3 with key 01 (Validaciones v1.2.2 §15.5). Everything else is the general 01.
 */
const claveRegimen = (row: TaxBreakdownRow): string =>
  row.exemption === 'E2' || row.exemption === 'E3' ? '02' : '01';

const quota = (base: Dec, rate: string): Dec => base.times(rate).dividedBy(100);

/**
 * The Desglose: one detail per IVA/IGIC breakdown row, with the recargo de equivalencia rows
 * folded into the IVA detail they ride on; IRPF stays out (it is not part of the record).
 * When one IVA rate mixes lines with and without recargo (or with two recargo rates), the row is
 * split so each detail carries one recargo; the split quotas add up to the row's own quota, so
 * CuotaTotal still equals the invoice's tax to the cent.
 */
export function desglose(breakdown: readonly TaxBreakdownRow[]): DetalleDesglose[] {
  const surcharges = new Map<string, TaxBreakdownRow[]>();
  for (const re of breakdown.filter((r) => r.type === 'RE')) {
    const iva = ivaRateOf(re.rate);
    const taxed = breakdown.some(
      (r) => r.type === 'IVA' && r.rate === iva && !r.exemption && !r.notSubject,
    );
    if (!iva || !taxed) fail('breakdown', `recargo ${re.rate} has no IVA row to go with`);
    surcharges.set(iva, [...(surcharges.get(iva) ?? []), re]);
  }

  const details: DetalleDesglose[] = [];
  for (const [i, row] of breakdown.entries()) {
    if (row.type !== 'IVA' && row.type !== 'IGIC') continue;
    const path = `breakdown.${i}`;
    const head = {
      Impuesto: row.type === 'IVA' ? ('01' as const) : ('03' as const),
      ClaveRegimen: claveRegimen(row),
    };
    const base = importe(row.base, `${path}.base`);
    if (row.exemption) {
      // Exempt: the key says why; no CalificacionOperacion, rate or quota (§15.5).
      details.push({
        ...head,
        OperacionExenta: row.exemption,
        BaseImponibleOimporteNoSujeto: base,
      });
    } else if (row.notSubject) {
      details.push({
        ...head,
        CalificacionOperacion: row.notSubject,
        BaseImponibleOimporteNoSujeto: base,
      });
    } else {
      details.push(...taxedDetails(row, path, row.type === 'IVA' ? surcharges.get(row.rate) : []));
    }
  }
  if (details.length === 0) fail('breakdown', 'the invoice has no IVA or IGIC to record');
  if (details.length > 12) {
    fail(
      'breakdown',
      `AEAT accepts at most 12 breakdown details; this invoice needs ${details.length}`,
    );
  }
  return details;
}

function taxedDetails(
  row: TaxBreakdownRow,
  path: string,
  surcharges: TaxBreakdownRow[] = [],
): DetalleDesglose[] {
  const head = {
    Impuesto: row.type === 'IVA' ? ('01' as const) : ('03' as const),
    ClaveRegimen: '01',
    CalificacionOperacion: 'S1' as const,
    TipoImpositivo: row.rate,
  };
  const [only] = surcharges;
  if (
    surcharges.length === 0 ||
    (surcharges.length === 1 && new Dec(only!.base).equals(row.base))
  ) {
    return [
      {
        ...head,
        BaseImponibleOimporteNoSujeto: importe(row.base, `${path}.base`),
        CuotaRepercutida: importe(row.amount, `${path}.amount`),
        ...(only
          ? {
              TipoRecargoEquivalencia: only.rate,
              CuotaRecargoEquivalencia: importe(only.amount, 're.amount'),
            }
          : {}),
      },
    ];
  }
  const parts: Array<{ base: Dec; re?: TaxBreakdownRow }> = surcharges.map((re) => ({
    base: new Dec(re.base),
    re,
  }));
  const rest = new Dec(row.base).minus(sum(parts.map((p) => p.base)));
  if (!rest.isZero()) parts.push({ base: rest });
  // Every part but the last rounds its own quota; the last takes what is left of the row's.
  const quotas = parts.slice(0, -1).map((p) => quota(p.base, row.rate).toDecimalPlaces(2));
  quotas.push(new Dec(row.amount).minus(sum(quotas)));
  return parts.map((part, j) => ({
    ...head,
    BaseImponibleOimporteNoSujeto: importe(cents(part.base), `${path}.base`),
    CuotaRepercutida: importe(cents(quotas[j]!), `${path}.amount`),
    ...(part.re
      ? {
          TipoRecargoEquivalencia: part.re.rate,
          CuotaRecargoEquivalencia: importe(part.re.amount, 're.amount'),
        }
      : {}),
  }));
}

/** CuotaTotal and ImporteTotal as AEAT validates them (Validaciones v1.2.2 §3.1.3 16–17). */
export function totals(details: readonly DetalleDesglose[]): {
  CuotaTotal: string;
  ImporteTotal: string;
} {
  const of = (v: string | undefined) => new Dec(v ?? 0);
  const cuota = sum(
    details.map((d) => of(d.CuotaRepercutida).plus(of(d.CuotaRecargoEquivalencia))),
  );
  const base = sum(details.map((d) => of(d.BaseImponibleOimporteNoSujeto)));
  const zeroSafe = (d: Dec) => importe(cents(d), 'totals');
  return { CuotaTotal: zeroSafe(cuota), ImporteTotal: zeroSafe(base.plus(cuota)) };
}

/**
 * ImporteTotal of an invoice: bases plus IVA/IGIC quotas plus recargo, without the IRPF withheld
 * (AEAT developer FAQ v1.3 §20: the withholding changes the amount to pay, not the invoice total).
 */
export const importeTotal = (invoice: Euros): string =>
  totals(desglose(breakdownInEuros(invoice))).ImporteTotal;

/** What converts an invoice's breakdown to euros. */
type Euros = Pick<Invoice, 'breakdown' | 'currency' | 'exchangeRate'>;

/**
 * The breakdown in euros, as AEAT's records carry every amount (the tax is owed in euros,
 * art. 106 LIVA): an invoice in another currency has each base and quota converted at its
 * exchange rate and rounded to the cent, as Facturae's EquivalentInEuros does.
 */
export function breakdownInEuros(invoice: Euros): TaxBreakdownRow[] {
  if (invoice.currency === 'EUR') return invoice.breakdown;
  const rate = invoice.exchangeRate;
  if (!rate) fail('exchangeRate', `an invoice in ${invoice.currency} needs its rate to euros`);
  const euros = (v: string) => cents(new Dec(v).times(rate));
  return invoice.breakdown.map((row) => ({
    ...row,
    base: euros(row.base),
    amount: euros(row.amount),
  }));
}

/**
 * The recipient: a Spanish NIF (NIF, NIE or CIF) goes as NIF; anyone else as IDOtro with the
 * ISO country of the tax id, IDType 02 (NIF-IVA) for an EU VAT number, written with its VIES
 * prefix as AEAT checks it, and 04 (id in the country of residence) otherwise. L7 of the XSD
 * also has 03 passport, 05 residence certificate, 06 other document, 07 not registered.
 */
export function destinatario(customer: PartySnapshot, idType?: RecipientIdType): Destinatario {
  const NombreRazon = text(customer.name, 120);
  if (customer.taxIdKind.startsWith('ES_')) {
    if (idType) {
      fail('recipientIdType', 'the recipient has a Spanish NIF, which is not an IDOtro');
    }
    return { NombreRazon, NIF: nif(customer, 'customer.taxId') };
  }
  if (customer.taxId.length > 20) {
    fail('customer.taxId', `${customer.taxId} is longer than the 20 characters AEAT accepts`);
  }
  return {
    NombreRazon,
    IDOtro: {
      CodigoPais: customer.address.country,
      IDType: idType ?? (customer.taxIdKind === 'EU_VAT' ? '02' : '04'),
      ID: customer.taxId,
    },
  };
}

function description(invoice: Invoice, given: string | undefined): string {
  const fallback = invoice.corrective
    ? `${invoice.corrective.reasonDescription} (rectifica ${invoice.corrective.originalNumber})`
    : [...new Set(invoice.lines.map((l) => l.description.trim()).filter(Boolean))].join('; ');
  return text(given?.trim() || fallback || 'Factura', 500);
}

/**
 * FacturasSustituidas of an F3: each ticket by the issuer's NIF (AEAT takes the issuer of the
 * substituted invoice from IDFactura: only its own simplified invoices are replaced), its series
 * and number as printed, and its date. The simplified invoices were recorded when the till issued
 * them, so the F3's quota is not counted twice by AEAT.
 */
function sustituidas(invoice: Invoice, issuerNif: string): RegistroAlta['FacturasSustituidas'] {
  return (invoice.substitutes ?? []).map((s, i) => ({
    IDEmisorFactura: issuerNif,
    NumSerieFactura: text(s.number, 60),
    FechaExpedicionFactura: fecha(s.issueDate, `substitutes.${i}.issueDate`),
  }));
}

/** The chain link as the record carries it; a malformed one would poison every later huella. */
export function checkLink(link: ChainLink): ChainLink {
  if (!/^[0-9A-F]{64}$/.test(link.Huella)) {
    fail('previous.Huella', 'the previous huella is not 64 upper-case hex characters');
  }
  if (!/^\d{2}-\d{2}-\d{4}$/.test(link.FechaExpedicionFactura)) {
    fail('previous.FechaExpedicionFactura', 'the previous record date is not DD-MM-YYYY');
  }
  return { ...link };
}

/**
 * The RegistroAlta of an issued invoice, every value the exact string of the XML, with its
 * huella. Corrective invoices become R1/R2/R4 (see TIPO_FACTURA_BY_REASON) with TipoRectificativa
 * S (substitution: the Desglose has the new whole, ImporteRectificacion the replaced amounts) or
 * I (differences: the Desglose has the change, which may be negative).
 */
export function buildRegistroAlta(invoice: Invoice, options: AltaOptions): RegistroAlta {
  const id = invoiceId(invoice);
  const TipoFactura = tipoFacturaOf(invoice);
  const details = desglose(breakdownInEuros(invoice));
  const { CuotaTotal, ImporteTotal } = totals(details);
  if (new Dec(ImporteTotal).abs().gte(100_000_000)) {
    // AEAT then wants Macrodato = S, which this record has no field for.
    fail('totals', 'invoices of 100,000,000 or more need Macrodato, which is not supported');
  }

  if (options.remedy?.RechazoPrevio && options.remedy.Subsanacion !== 'S') {
    // AEAT rejects the record with 1153 / 1161.
    fail('remedy', 'RechazoPrevio goes only with Subsanacion = S');
  }

  const corrective = invoice.corrective;
  const rectification: Partial<RegistroAlta> = {};
  if (TipoFactura !== 'F1' && corrective) {
    rectification.TipoRectificativa = corrective.method === 'substitution' ? 'S' : 'I';
    rectification.FacturasRectificadas = [
      {
        IDEmisorFactura: id.nif,
        NumSerieFactura: corrective.originalNumber,
        FechaExpedicionFactura: fecha(corrective.originalIssueDate, 'corrective.originalIssueDate'),
      },
    ];
    if (rectification.TipoRectificativa === 'S' && options.importeRectificacion) {
      rectification.ImporteRectificacion = { ...options.importeRectificacion };
    } else if (rectification.TipoRectificativa === 'S') {
      if (!options.original) {
        fail('original', 'a substitution corrective needs the original invoice it replaces');
      }
      const replaced = desglose(breakdownInEuros(options.original));
      const of = (v: string | undefined) => new Dec(v ?? 0);
      rectification.ImporteRectificacion = {
        BaseRectificada: importe(
          cents(sum(replaced.map((d) => of(d.BaseImponibleOimporteNoSujeto)))),
          'original.breakdown',
        ),
        CuotaRectificada: importe(
          cents(sum(replaced.map((d) => of(d.CuotaRepercutida)))),
          'original.breakdown',
        ),
      };
    }
  }

  const record: RegistroAlta = {
    kind: 'alta',
    IDVersion: '1.0',
    IDFactura: {
      IDEmisorFactura: id.nif,
      NumSerieFactura: id.numSerie,
      FechaExpedicionFactura: id.fecha,
    },
    NombreRazonEmisor: text(invoice.issuer.name, 120),
    ...(options.remedy?.Subsanacion ? { Subsanacion: options.remedy.Subsanacion } : {}),
    ...(options.remedy?.RechazoPrevio ? { RechazoPrevio: options.remedy.RechazoPrevio } : {}),
    TipoFactura,
    ...rectification,
    ...(TipoFactura === 'F3' ? { FacturasSustituidas: sustituidas(invoice, id.nif) } : {}),
    DescripcionOperacion: description(invoice, options.description),
    Destinatarios: [destinatario(invoice.customer, options.recipientIdType)],
    Desglose: details,
    CuotaTotal,
    ImporteTotal,
    ...(options.previous ? { RegistroAnterior: checkLink(options.previous) } : {}),
    SistemaInformatico: { ...options.system },
    FechaHoraHusoGenRegistro: fechaHoraHuso(options.generatedAt, options.timezone),
    TipoHuella: '01',
    Huella: '',
  };
  record.Huella = computeHuella(record);
  return record;
}
