import type { BillingRecord } from './record.ts';
import type { StoredRecord } from './store.ts';

/**
 * A record's identifying fields as the API shows them: every value is the exact string written
 * in the record XML, so a client can recompute the huella from them. Cancellation records use
 * the `…Anulada` names, as in the XML.
 */
export function recordFields(record: BillingRecord): Record<string, string> {
  const previousHuella = record.RegistroAnterior?.Huella ?? '';
  if (record.kind === 'alta') {
    return {
      ...record.IDFactura,
      ...(record.Subsanacion ? { Subsanacion: record.Subsanacion } : {}),
      ...(record.RechazoPrevio ? { RechazoPrevio: record.RechazoPrevio } : {}),
      TipoFactura: record.TipoFactura,
      CuotaTotal: record.CuotaTotal,
      ImporteTotal: record.ImporteTotal,
      Huella: record.Huella,
      previousHuella,
      FechaHoraHusoGenRegistro: record.FechaHoraHusoGenRegistro,
    };
  }
  return {
    ...record.IDFactura,
    Huella: record.Huella,
    previousHuella,
    FechaHoraHusoGenRegistro: record.FechaHoraHusoGenRegistro,
  };
}

/** A stored record as lists show it: its place in the chain, its fields and its submission. */
export const recordEntryView = (stored: StoredRecord) => ({
  seq: stored.seq,
  invoiceId: stored.invoiceId,
  kind: stored.record.kind,
  record: recordFields(stored.record),
  submission: stored.submission,
  ...(stored.remedyOf !== undefined ? { remedyOf: stored.remedyOf } : {}),
  ...(stored.remediedBy !== undefined ? { remediedBy: stored.remediedBy } : {}),
});
