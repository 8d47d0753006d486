import { type Invoice, SAT_FORMA_PAGO } from '@sello/core/invoices';
import { Dec, minorUnits, plain, sum } from '@sello/core/money';
import type { LineTaxAmount, TaxType } from '@sello/core/taxes';
import { facturaeCountry } from '../facturae/countries.ts';
import { impuestosOf } from './impuestos.ts';
import type { Cfdi, Concepto, Receptor, Retencion, Traslado } from './model.ts';

/** The CSD certificate that will seal the CFDI: its 20-digit number and DER as base64. */
export interface IssuerCertificate {
  number: string;
  base64: string;
}

export interface CfdiOptions {
  /** The tenant's time zone: `Fecha` is the local time of issue there. Mexico City unless given. */
  timeZone?: string;
}

/** A Sello invoice that cannot be written as a CFDI; `path` names the field to fix. */
export class CfdiMappingError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'CfdiMappingError';
  }
}

/** c_Impuesto. */
const IMPUESTO: Partial<Record<TaxType, string>> = { ISR: '001', IVA: '002', IEPS: '003' };

/** Foreign buyers are written with SAT's generic foreign RFC and régimen 616, use S01. */
const FOREIGN_RFC = 'XEXX010101000';

/**
 * A Mexican tenant's issued invoice (or a draft, for a preview) as a CFDI 4.0 comprobante,
 * unsealed (`sealCfdi` signs it). Every amount is the tax engine's, never recomputed: concepts
 * carry the line's Importe, Descuento and per-tax Base/Importe; the Impuestos summary adds them
 * up per tax, factor and rate (withholdings per tax), which is what the engine's breakdown
 * holds, so the CFDI's totals are the invoice's.
 *
 * An invoice with a negative total (a corrective that credits) is an egreso (E) related to the
 * original's UUID with TipoRelacion 01 (nota de crédito), its amounts written positive; a
 * corrective adding to the original is an ingreso related with 02 (nota de débito), or 04
 * (sustitución) when it replaces it whole.
 */
export function cfdiOfInvoice(
  invoice: Invoice,
  issuerCertificate: IssuerCertificate,
  options: CfdiOptions = {},
): Cfdi {
  const { issuer } = invoice;
  if (issuer.address.country !== 'MX') {
    throw new CfdiMappingError('Only Mexican issuers (country MX) issue CFDI', 'issuer.address');
  }
  if (!issuer.taxRegime) {
    throw new CfdiMappingError("The issuer's régimen fiscal is missing", 'issuer.taxRegime');
  }
  if (!issuer.expeditionPostalCode) {
    throw new CfdiMappingError(
      "The issuer's place of issue is missing",
      'issuer.expeditionPostalCode',
    );
  }
  const egreso = new Dec(invoice.totals.total).isNegative();
  const sign = egreso ? -1 : 1;
  const units = minorUnits(invoice.currency);
  const money = (value: string, path: string) => {
    const d = new Dec(value).times(sign);
    // lt, not isNegative: a zero amount of an egreso is -0, which isNegative counts.
    if (d.lt(0)) {
      throw new CfdiMappingError(
        `A CFDI ${egreso ? 'egreso' : 'ingreso'} cannot carry ${value}: issue lines of one sign`,
        path,
      );
    }
    return d.abs().toFixed(units);
  };

  const conceptos = invoice.lines.map((line, i): Concepto => {
    const path = `lines.${i}`;
    const traslados = line.taxAmounts
      .filter((t) => !isWithheld(t))
      .map((t) => traslado(t, money, `${path}.taxes`));
    const retenciones = line.taxAmounts
      .filter(isWithheld)
      .map((t) => retencion(t, money, `${path}.taxes`));
    const discount = new Dec(line.discount);
    return {
      claveProdServ: line.satProductKey ?? '01010101',
      ...(line.productId ? { noIdentificacion: line.productId } : {}),
      cantidad: plain(new Dec(line.quantity).abs()),
      claveUnidad: line.satUnitKey ?? 'ACT',
      ...(line.unit ? { unidad: line.unit } : {}),
      descripcion: line.description,
      valorUnitario: plain(new Dec(line.unitPrice).abs(), Math.min(units, 2)),
      importe: money(line.gross, `${path}.quantity`),
      ...(discount.isZero() ? {} : { descuento: money(line.discount, `${path}.discountRate`) }),
      objetoImp: line.taxObject ?? (line.taxAmounts.length ? '02' : '01'),
      ...(traslados.length ? { traslados } : {}),
      ...(retenciones.length ? { retenciones } : {}),
    };
  });

  const subTotal = sum(invoice.lines.map((l) => new Dec(l.gross)));
  const descuento = sum(invoice.lines.map((l) => new Dec(l.discount)));
  // Summed from the concepts as Anexo 20 does; the engine's breakdown rows are the same sums.
  const impuestos = impuestosOf(conceptos, units);
  const payment = invoice.payment;
  const formaPago = SAT_FORMA_PAGO[payment?.means ?? 'other'];
  const relation = relationOf(invoice, egreso);
  // Serie is the series code and Folio its gapless sequence, so the printed number is not
  // repeated in both.
  const folio = invoice.sequence === undefined ? undefined : String(invoice.sequence);
  return {
    serie: invoice.series,
    ...(folio ? { folio } : {}),
    fecha: localDateTime(invoice.issuedAt ?? invoice.updatedAt, options.timeZone),
    formaPago,
    noCertificado: issuerCertificate.number,
    ...(payment?.terms ? { condicionesDePago: payment.terms } : {}),
    subTotal: money(subTotal.toFixed(units), 'lines'),
    ...(descuento.isZero() ? {} : { descuento: money(descuento.toFixed(units), 'lines') }),
    moneda: invoice.currency,
    ...(invoice.currency !== 'MXN' ? { tipoCambio: exchangeRateOf(invoice) } : {}),
    total: money(invoice.totals.total, 'lines'),
    tipoDeComprobante: egreso ? 'E' : 'I',
    exportacion: '01',
    // 99 "por definir" goes with PPD (paid later); a known means with PUE (paid at once).
    metodoPago: formaPago === '99' ? 'PPD' : 'PUE',
    lugarExpedicion: issuer.expeditionPostalCode,
    certificado: issuerCertificate.base64,
    ...(relation ? { cfdiRelacionados: [relation] } : {}),
    emisor: { rfc: issuer.taxId, nombre: issuer.name, regimenFiscal: issuer.taxRegime },
    receptor: receptorOf(invoice),
    conceptos,
    ...(impuestos ? { impuestos } : {}),
  };
}

const isWithheld = (t: { type: TaxType; withheld?: boolean }) => t.type === 'ISR' || !!t.withheld;

/** What a traslado is written from: a line's tax or a breakdown row. */
type TaxAmount = Pick<LineTaxAmount, 'type' | 'rate' | 'exempt' | 'base' | 'amount'>;

type Money = (value: string, path: string) => string;

/** A percentage as SAT's TasaOCuota: a fraction with 6 decimals (16 → 0.160000). */
const tasa = (rate: string) => new Dec(rate).dividedBy(100).toFixed(6);

function impuestoOf(type: TaxType, path: string): string {
  const code = IMPUESTO[type];
  if (!code) throw new CfdiMappingError(`${type} is not a Mexican tax`, path);
  return code;
}

function traslado(t: TaxAmount, money: Money, path: string): Traslado {
  const impuesto = impuestoOf(t.type, `${path}.type`);
  if (t.exempt) return { base: money(t.base, path), impuesto, tipoFactor: 'Exento' };
  return {
    base: money(t.base, path),
    impuesto,
    tipoFactor: 'Tasa',
    tasaOCuota: tasa(t.rate),
    importe: money(t.amount, path),
  };
}

function retencion(t: TaxAmount, money: Money, path: string): Retencion {
  return {
    base: money(t.base, path),
    impuesto: impuestoOf(t.type, `${path}.type`),
    tipoFactor: 'Tasa',
    tasaOCuota: tasa(t.rate),
    importe: money(t.amount, path),
  };
}

/**
 * The buyer: a Mexican one as on its Constancia (RFC, name, fiscal postal code, régimen); a
 * foreign one with SAT's generic foreign RFC, the issuer's postal code, its country (c_Pais,
 * ISO 3166-1 alpha-3) and its own tax id, régimen 616.
 */
function receptorOf(invoice: Invoice): Receptor {
  const { customer, issuer } = invoice;
  const usoCFDI = invoice.cfdiUse ?? 'S01';
  if (customer.address.country === 'MX') {
    if (!customer.taxRegime) {
      throw new CfdiMappingError("The buyer's régimen fiscal is missing", 'customer.taxRegime');
    }
    return {
      rfc: customer.taxId,
      nombre: customer.name,
      domicilioFiscalReceptor: customer.address.postalCode,
      regimenFiscalReceptor: customer.taxRegime,
      usoCFDI,
    };
  }
  return {
    rfc: FOREIGN_RFC,
    nombre: customer.name,
    domicilioFiscalReceptor: issuer.expeditionPostalCode!,
    residenciaFiscal: facturaeCountry(customer.address.country, 'customer.address.country'),
    numRegIdTrib: customer.taxId,
    regimenFiscalReceptor: '616',
    usoCFDI,
  };
}

function relationOf(invoice: Invoice, egreso: boolean) {
  const corrective = invoice.corrective;
  if (!corrective) return undefined;
  if (!corrective.originalUuid) {
    throw new CfdiMappingError(
      `The original ${corrective.originalNumber} has no fiscal folio (UUID) to relate to`,
      'corrective.originalUuid',
    );
  }
  const tipoRelacion = egreso ? '01' : corrective.method === 'substitution' ? '04' : '02';
  return { tipoRelacion, uuids: [corrective.originalUuid] };
}

function exchangeRateOf(invoice: Invoice): string {
  if (!invoice.exchangeRate) {
    throw new CfdiMappingError(
      `An invoice in ${invoice.currency} needs its exchange rate to MXN`,
      'exchangeRate',
    );
  }
  return invoice.exchangeRate;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DDTHH:MM:SS` on the wall clocks of `timeZone` (SAT's Fecha carries no zone). */
function localDateTime(instant: string, timeZone = 'America/Mexico_City'): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
