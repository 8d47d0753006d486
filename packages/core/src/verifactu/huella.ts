import { createHash } from 'node:crypto';
import type { BillingRecord } from './record.ts';

/**
 * The huella (AEAT "Detalle de las especificaciones técnicas para generación de la huella o hash",
 * v0.1.2): SHA-256 over `name=value` pairs in a fixed order joined by `&`, every value trimmed,
 * absent values as empty, UTF-8, upper-case hex. The previous record's huella is part of the input.
 */
export function huellaInput(record: BillingRecord): string {
  const previous = record.RegistroAnterior?.Huella ?? '';
  const pairs: Array<[string, string]> =
    record.kind === 'alta'
      ? [
          ['IDEmisorFactura', record.IDFactura.IDEmisorFactura],
          ['NumSerieFactura', record.IDFactura.NumSerieFactura],
          ['FechaExpedicionFactura', record.IDFactura.FechaExpedicionFactura],
          ['TipoFactura', record.TipoFactura],
          ['CuotaTotal', record.CuotaTotal],
          ['ImporteTotal', record.ImporteTotal],
          ['Huella', previous],
          ['FechaHoraHusoGenRegistro', record.FechaHoraHusoGenRegistro],
        ]
      : [
          ['IDEmisorFacturaAnulada', record.IDFactura.IDEmisorFacturaAnulada],
          ['NumSerieFacturaAnulada', record.IDFactura.NumSerieFacturaAnulada],
          ['FechaExpedicionFacturaAnulada', record.IDFactura.FechaExpedicionFacturaAnulada],
          ['Huella', previous],
          ['FechaHoraHusoGenRegistro', record.FechaHoraHusoGenRegistro],
        ];
  return pairs.map(([name, value]) => `${name}=${value.trim()}`).join('&');
}

export const computeHuella = (record: BillingRecord): string =>
  createHash('sha256').update(huellaInput(record), 'utf8').digest('hex').toUpperCase();
