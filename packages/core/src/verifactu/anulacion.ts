import type { Invoice } from '../invoices/model.ts';
import { checkLink } from './alta.ts';
import { fechaHoraHuso, invoiceId } from './format.ts';
import { computeHuella } from './huella.ts';
import type { ChainLink, RegistroAnulacion, SistemaInformatico } from './record.ts';

export interface AnulacionOptions {
  system: SistemaInformatico;
  /** The record generated just before this one, of whatever invoice. */
  previous?: ChainLink;
  generatedAt: Date;
  timezone: string;
}

/**
 * The RegistroAnulacion of an invoice issued in error (RRSIF art. 11: no real operation behind
 * it). A real change of amounts is a corrective invoice and its RegistroAlta instead (AEAT
 * developer FAQ v1.3 §17). The record chains to the previous record like any alta.
 */
export function buildRegistroAnulacion(
  invoice: Invoice,
  options: AnulacionOptions,
): RegistroAnulacion {
  const id = invoiceId(invoice);
  const record: RegistroAnulacion = {
    kind: 'anulacion',
    IDVersion: '1.0',
    IDFactura: {
      IDEmisorFacturaAnulada: id.nif,
      NumSerieFacturaAnulada: id.numSerie,
      FechaExpedicionFacturaAnulada: id.fecha,
    },
    ...(options.previous ? { RegistroAnterior: checkLink(options.previous) } : {}),
    SistemaInformatico: { ...options.system },
    FechaHoraHusoGenRegistro: fechaHoraHuso(options.generatedAt, options.timezone),
    TipoHuella: '01',
    Huella: '',
  };
  record.Huella = computeHuella(record);
  return record;
}
