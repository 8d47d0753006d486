import { Dec, sum } from '@sello/core/money';
import { impuestosOf } from './impuestos.ts';
import type { Cfdi, Concepto, Emisor, Retencion, Traslado } from './model.ts';

/**
 * The *factura global*: one CFDI for the sales to the general public of a period that no buyer
 * invoiced (regla 2.7.1.21 RMF), filled in as SAT's "Guía de llenado del CFDI global" (versión
 * 4.0) asks: the generic RFC `XAXX010101000` named `PUBLICO EN GENERAL`, with the place of issue
 * as its postal code, régimen `616` and use `S01`; `InformacionGlobal` with the period; one
 * concept per sale (ticket), `01010101` / `ACT`, quantity 1, description `Venta`, its ticket
 * number as `NoIdentificacion` and its amount before taxes as unit value.
 */

export const PUBLIC_RFC = 'XAXX010101000';
export const PUBLIC_NAME = 'PUBLICO EN GENERAL';

/** One sale (a ticket) of the period. */
export interface GlobalSale {
  /** The ticket's number: the concept's `NoIdentificacion`. */
  reference: string;
  /** The amount before taxes (and before `discount`). */
  subtotal: string;
  discount?: string;
  /** c_ObjetoImp: `02` when the sale carries taxes, `01` when not subject. */
  taxObject: string;
  traslados?: readonly Traslado[];
  retenciones?: readonly Retencion[];
}

/** c_Periodicidad: 01 daily, 02 weekly, 03 fortnightly, 04 monthly, 05 two-monthly. */
export type Periodicidad = '01' | '02' | '03' | '04' | '05';

export interface GlobalInvoice {
  serie?: string;
  folio?: string;
  /** Local date-time of issue at the place of issue, `YYYY-MM-DDTHH:MM:SS`. */
  fecha: string;
  emisor: Emisor;
  lugarExpedicion: string;
  /** c_Moneda; its decimals are those the amounts are written with. */
  moneda: string;
  tipoCambio?: string;
  /** c_FormaPago of the sales (the guide: the one of the largest amount when several). */
  formaPago: string;
  period: { periodicidad: Periodicidad; meses: string; año: string };
  sales: readonly GlobalSale[];
  /** Globals this one replaces (reissued after a cancellation with reason 01): TipoRelacion 04. */
  replaces?: readonly string[];
  /** Decimals of the currency's amounts, 2 for MXN. */
  decimals?: number;
}

export function globalCfdi(input: GlobalInvoice): Cfdi {
  if (input.sales.length === 0) throw new Error('A global invoice needs at least one sale');
  const decimals = input.decimals ?? 2;
  const money = (d: Dec) => d.toFixed(decimals);
  const conceptos: Concepto[] = input.sales.map((sale) => ({
    claveProdServ: '01010101',
    noIdentificacion: sale.reference,
    cantidad: '1',
    claveUnidad: 'ACT',
    descripcion: 'Venta',
    valorUnitario: sale.subtotal,
    importe: sale.subtotal,
    ...(sale.discount ? { descuento: sale.discount } : {}),
    objetoImp: sale.taxObject,
    ...(sale.traslados?.length ? { traslados: sale.traslados } : {}),
    ...(sale.retenciones?.length ? { retenciones: sale.retenciones } : {}),
  }));
  const subTotal = sum(conceptos.map((c) => new Dec(c.importe)));
  const discounts = conceptos.filter((c) => c.descuento !== undefined);
  const descuento = sum(discounts.map((c) => new Dec(c.descuento!)));
  const impuestos = impuestosOf(conceptos, decimals);
  const total = subTotal
    .minus(descuento)
    .plus(impuestos?.totalImpuestosTrasladados ?? 0)
    .minus(impuestos?.totalImpuestosRetenidos ?? 0);
  return {
    ...(input.serie ? { serie: input.serie } : {}),
    ...(input.folio ? { folio: input.folio } : {}),
    fecha: input.fecha,
    formaPago: input.formaPago,
    noCertificado: '',
    subTotal: money(subTotal),
    ...(discounts.length ? { descuento: money(descuento) } : {}),
    moneda: input.moneda,
    ...(input.tipoCambio ? { tipoCambio: input.tipoCambio } : {}),
    total: money(total),
    tipoDeComprobante: 'I',
    exportacion: '01',
    metodoPago: 'PUE',
    lugarExpedicion: input.lugarExpedicion,
    informacionGlobal: input.period,
    ...(input.replaces?.length
      ? { cfdiRelacionados: [{ tipoRelacion: '04', uuids: input.replaces }] }
      : {}),
    emisor: input.emisor,
    receptor: {
      rfc: PUBLIC_RFC,
      nombre: PUBLIC_NAME,
      domicilioFiscalReceptor: input.lugarExpedicion,
      regimenFiscalReceptor: '616',
      usoCFDI: 'S01',
    },
    conceptos,
    ...(impuestos ? { impuestos } : {}),
  };
}

/**
 * The period a global covers, as `InformacionGlobal` writes it: months `01`–`12`, or `13`–`18`
 * for the two-month periods (January–February is 13).
 */
export function globalPeriod(
  periodicidad: Periodicidad,
  year: number,
  month: number,
): GlobalInvoice['period'] {
  const meses =
    periodicidad === '05'
      ? String(13 + Math.floor((month - 1) / 2))
      : String(month).padStart(2, '0');
  return { periodicidad, meses, año: String(year) };
}
