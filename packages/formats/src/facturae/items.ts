import { Dec } from '@sello/core/money';
import type { Language } from '@sello/core/parties';
import type { ComputedLine } from '@sello/core/taxes';
import { leaf, node } from '../xml/canonical.ts';
import { amount2, clip, quantity, upTo8 } from './format.ts';
import { lineTaxes, outputTaxXml, withheldTaxXml } from './taxes.ts';

const DISCOUNT_REASON: Record<Language, string> = {
  es: 'Descuento',
  ca: 'Descompte',
  en: 'Discount',
};

/** Facturae UnitOfMeasureType: "01" (units) to "36" (kWh). */
const UNIT_OF_MEASURE = /^(0[1-9]|[12]\d|3[0-6])$/;

/**
 * Common unit names to Facturae UnitOfMeasure codes (01 units, 02 hours, 03 kilograms, 04
 * litres). Lines carry the unit as the business writes it; anything else is 05 "Otros", so a
 * unit never stops an issued invoice from getting its document.
 */
const UNIT_NAMES: Record<string, string> = {
  u: '01',
  ud: '01',
  uds: '01',
  unidad: '01',
  unidades: '01',
  unitat: '01',
  unitats: '01',
  unit: '01',
  units: '01',
  h: '02',
  hr: '02',
  hora: '02',
  horas: '02',
  hores: '02',
  hour: '02',
  hours: '02',
  kg: '03',
  kilo: '03',
  kilos: '03',
  l: '04',
  litro: '04',
  litros: '04',
  litre: '04',
  litres: '04',
};

export function unitOfMeasure(unit: string | undefined): string {
  if (unit === undefined) return '01';
  if (UNIT_OF_MEASURE.test(unit)) return unit;
  return UNIT_NAMES[unit.trim().toLowerCase().replace(/\.$/, '')] ?? '05';
}

/**
 * `exchangeRate`: euros per unit, for an invoice not in euros (line taxes get their equivalent).
 * `references`: what every line carries before its description (an invoice billed from a claim:
 * see `claimLineReferences`).
 */
export function buildItems(
  lines: readonly ComputedLine[],
  language: Language,
  exchangeRate?: string,
  references = '',
): string {
  return node(
    'Items',
    lines.map((line, i) => buildInvoiceLine(line, language, i, exchangeRate, references)).join(''),
  );
}

/**
 * One InvoiceLine. TotalCost is quantity × unit price (the engine's unrounded `gross`), the
 * discount is its own element and GrossAmount is the line's taxable base (`net`). Note the
 * schema's order: TaxesWithheld comes before TaxesOutputs within a line.
 */
export function buildInvoiceLine(
  line: ComputedLine,
  language: Language,
  index: number,
  exchangeRate?: string,
  references = '',
): string {
  const path = `lines.${index}`;
  const unit = unitOfMeasure(line.unit);
  const discount =
    line.discountRate !== undefined && !new Dec(line.discount).isZero()
      ? node(
          'DiscountsAndRebates',
          node(
            'Discount',
            leaf('DiscountReason', DISCOUNT_REASON[language]) +
              leaf('DiscountRate', upTo8(line.discountRate, `${path}.discountRate`)) +
              leaf('DiscountAmount', upTo8(line.discount, `${path}.discount`)),
          ),
        )
      : '';
  const taxes = lineTaxes(line.taxAmounts, path);
  const withheld = taxes.withheld.length
    ? node(
        'TaxesWithheld',
        taxes.withheld
          .map((t, j) => withheldTaxXml(t, `${path}.taxAmounts.${j}`, exchangeRate))
          .join(''),
      )
    : '';
  const outputs = node(
    'TaxesOutputs',
    taxes.outputs.map((t, j) => outputTaxXml(t, `${path}.taxAmounts.${j}`, exchangeRate)).join(''),
  );
  const event = taxes.event
    ? node(
        'SpecialTaxableEvent',
        leaf('SpecialTaxableEventCode', taxes.event.code) +
          leaf('SpecialTaxableEventReason', taxes.event.reason),
      )
    : '';
  return node(
    'InvoiceLine',
    references +
      leaf('ItemDescription', clip(line.description, 2500)) +
      leaf('Quantity', quantity(line.quantity, `${path}.quantity`)) +
      leaf('UnitOfMeasure', unit) +
      leaf('UnitPriceWithoutTax', upTo8(line.unitPrice, `${path}.unitPrice`)) +
      leaf('TotalCost', upTo8(line.gross, `${path}.gross`)) +
      discount +
      leaf('GrossAmount', amount2(line.net, `${path}.net`)) +
      withheld +
      outputs +
      event,
  );
}
