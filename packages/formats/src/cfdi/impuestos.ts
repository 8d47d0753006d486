import { Dec, sum } from '@sello/core/money';
import type { Concepto, Impuestos, Traslado } from './model.ts';

/**
 * The comprobante's `Impuestos` from its concepts, as Anexo 20 adds them up: charges grouped by
 * tax, factor and rate (base and amount summed; an exempt group has a base only), withholdings
 * grouped by tax; the totals count amounts only. Concepts' amounts are already rounded to the
 * currency, so sums need no rounding. Groups keep the order in which they first appear.
 */
export function impuestosOf(conceptos: readonly Concepto[], decimals = 2): Impuestos | undefined {
  const money = (d: Dec) => d.toFixed(decimals);
  const charged = new Map<string, { first: Traslado; bases: Dec[]; amounts: Dec[] }>();
  const withheld = new Map<string, Dec[]>();
  for (const concepto of conceptos) {
    for (const t of concepto.traslados ?? []) {
      const key = `${t.impuesto}|${t.tipoFactor}|${t.tasaOCuota ?? ''}`;
      const group = charged.get(key) ?? { first: t, bases: [], amounts: [] };
      group.bases.push(new Dec(t.base));
      if (t.importe !== undefined) group.amounts.push(new Dec(t.importe));
      charged.set(key, group);
    }
    for (const r of concepto.retenciones ?? []) {
      withheld.set(r.impuesto, [...(withheld.get(r.impuesto) ?? []), new Dec(r.importe)]);
    }
  }
  if (charged.size === 0 && withheld.size === 0) return undefined;

  const traslados: Traslado[] = [...charged.values()].map(({ first, bases, amounts }) => ({
    base: money(sum(bases)),
    impuesto: first.impuesto,
    tipoFactor: first.tipoFactor,
    ...(first.tipoFactor === 'Exento'
      ? {}
      : { tasaOCuota: first.tasaOCuota!, importe: money(sum(amounts)) }),
  }));
  const retenciones = [...withheld].map(([impuesto, amounts]) => ({
    impuesto,
    importe: money(sum(amounts)),
  }));
  const taxed = traslados.filter((t) => t.importe !== undefined);
  return {
    ...(retenciones.length
      ? { totalImpuestosRetenidos: money(sum(retenciones.map((r) => new Dec(r.importe)))) }
      : {}),
    ...(taxed.length
      ? { totalImpuestosTrasladados: money(sum(taxed.map((t) => new Dec(t.importe!)))) }
      : {}),
    ...(retenciones.length ? { retenciones } : {}),
    ...(traslados.length ? { traslados } : {}),
  };
}
