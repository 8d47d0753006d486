import type { Invoice } from '../invoices/model.ts';
import { importeTotal } from './alta.ts';
import { invoiceId } from './format.ts';
import type { RegistroAlta } from './record.ts';

/**
 * Where the QR of a VERI*FACTU invoice points (AEAT "Detalle de las especificaciones técnicas del
 * código QR" v0.5.0 §5.1): the cotejo service of each environment.
 */
export const QR_BASE_URL = {
  production: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR',
  test: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR',
} as const;

/**
 * The URL of the invoice's tax QR: exactly the four parameters nif, numserie, fecha (DD-MM-YYYY)
 * and importe (ImporteTotal, so without the IRPF withheld), URL-encoded as UTF-8. Given the
 * record, it uses the record's own strings, so QR and record cannot disagree.
 */
export function qrUrl(source: Invoice | RegistroAlta, environment: 'test' | 'production'): string {
  const params =
    'IDFactura' in source
      ? {
          nif: source.IDFactura.IDEmisorFactura,
          numserie: source.IDFactura.NumSerieFactura,
          fecha: source.IDFactura.FechaExpedicionFactura,
          importe: source.ImporteTotal,
        }
      : (() => {
          const id = invoiceId(source);
          return {
            nif: id.nif,
            numserie: id.numSerie,
            fecha: id.fecha,
            importe: importeTotal(source),
          };
        })();
  return `${QR_BASE_URL[environment]}?${new URLSearchParams(params)}`;
}
