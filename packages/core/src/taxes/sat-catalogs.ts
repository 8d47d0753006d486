import type { PersonType } from '../parties/tax-id.ts';

/**
 * The small SAT catalogs of CFDI 4.0 that Sello checks itself (SAT's catCFDI.xsd is not vendored,
 * and the PAC checks membership too). Data: SAT's catCFDI spreadsheet as published by
 * phpcfdi/resources-sat-catalogs (`database/data/cfdi_40_regimenes_fiscales.sql` at 91f1840,
 * `cfdi_40_usos_cfdi.sql` at 7a94462): the codes in force, whether each applies to individuals
 * (persona física) and legal entities (persona moral), and the receiver's regimes each use
 * of the CFDI allows.
 */

interface Applies {
  individual: boolean;
  legalEntity: boolean;
}

/** c_RegimenFiscal: code → name and which persons it applies to. */
export const TAX_REGIMES: Readonly<Record<string, Applies & { name: string }>> = {
  '601': { name: 'General de Ley Personas Morales', individual: false, legalEntity: true },
  '603': { name: 'Personas Morales con Fines no Lucrativos', individual: false, legalEntity: true },
  '605': {
    name: 'Sueldos y Salarios e Ingresos Asimilados a Salarios',
    individual: true,
    legalEntity: false,
  },
  '606': { name: 'Arrendamiento', individual: true, legalEntity: false },
  '607': {
    name: 'Régimen de Enajenación o Adquisición de Bienes',
    individual: true,
    legalEntity: false,
  },
  '608': { name: 'Demás ingresos', individual: true, legalEntity: false },
  '610': {
    name: 'Residentes en el Extranjero sin Establecimiento Permanente en México',
    individual: true,
    legalEntity: true,
  },
  '611': {
    name: 'Ingresos por Dividendos (socios y accionistas)',
    individual: true,
    legalEntity: false,
  },
  '612': {
    name: 'Personas Físicas con Actividades Empresariales y Profesionales',
    individual: true,
    legalEntity: false,
  },
  '614': { name: 'Ingresos por intereses', individual: true, legalEntity: false },
  '615': {
    name: 'Régimen de los ingresos por obtención de premios',
    individual: true,
    legalEntity: false,
  },
  '616': { name: 'Sin obligaciones fiscales', individual: true, legalEntity: false },
  '620': {
    name: 'Sociedades Cooperativas de Producción que optan por diferir sus ingresos',
    individual: false,
    legalEntity: true,
  },
  '621': { name: 'Incorporación Fiscal', individual: true, legalEntity: false },
  '622': {
    name: 'Actividades Agrícolas, Ganaderas, Silvícolas y Pesqueras',
    individual: false,
    legalEntity: true,
  },
  '623': { name: 'Opcional para Grupos de Sociedades', individual: false, legalEntity: true },
  '624': { name: 'Coordinados', individual: false, legalEntity: true },
  '625': {
    name: 'Régimen de las Actividades Empresariales con ingresos a través de Plataformas Tecnológicas',
    individual: true,
    legalEntity: false,
  },
  '626': { name: 'Régimen Simplificado de Confianza', individual: true, legalEntity: true },
};

const BUSINESS = '601 603 606 612 620 621 622 623 624 625 626';
const PERSONAL = '605 606 608 611 612 614 607 615 625';
const ANY = '601 603 605 606 608 610 611 612 614 616 620 621 622 623 624 607 615 625 626';
const both = (regimes: string) => ({ individual: true, legalEntity: true, regimes });
const individuals = (regimes: string) => ({ individual: true, legalEntity: false, regimes });

/** c_UsoCFDI: code → which persons may use it and with which receiver regimes. */
export const CFDI_USES: Readonly<Record<string, Applies & { regimes: string }>> = {
  G01: both(BUSINESS),
  G02: both('601 603 606 612 616 620 621 622 623 624 625 626'),
  G03: both(BUSINESS),
  I01: both(BUSINESS),
  I02: both(BUSINESS),
  I03: both(BUSINESS),
  I04: both(BUSINESS),
  I05: both(BUSINESS),
  I06: both(BUSINESS),
  I07: both(BUSINESS),
  I08: both(BUSINESS),
  D01: individuals(PERSONAL),
  D02: individuals(PERSONAL),
  D03: individuals(PERSONAL),
  D04: individuals(PERSONAL),
  D05: individuals(PERSONAL),
  D06: individuals(PERSONAL),
  D07: individuals(PERSONAL),
  D08: individuals(PERSONAL),
  D09: individuals(PERSONAL),
  D10: individuals(PERSONAL),
  S01: both(ANY),
  CP01: both(ANY),
  CN01: individuals('605'),
};

const applies = (entry: Applies, person: PersonType) =>
  person === 'individual'
    ? entry.individual
    : person === 'legalEntity'
      ? entry.legalEntity
      : entry.individual || entry.legalEntity;

/** Why `regime` cannot be this person's régimen fiscal, or undefined when it can. */
export function taxRegimeProblem(regime: string, person: PersonType = 'unknown') {
  const entry = TAX_REGIMES[regime];
  if (!entry) return 'Not a c_RegimenFiscal code, e.g. 601 or 626';
  if (!applies(entry, person)) {
    return `Régimen ${regime} is not for ${person === 'individual' ? 'individuals (persona física)' : 'legal entities (persona moral)'}`;
  }
  return undefined;
}

/** Why `use` cannot go with this receiver, or undefined when it can. */
export function cfdiUseProblem(use: string, regime?: string, person: PersonType = 'unknown') {
  const entry = CFDI_USES[use];
  if (!entry) return 'Not a c_UsoCFDI code, e.g. G03 or S01';
  if (!applies(entry, person)) return `Uso ${use} is not for legal entities (persona moral)`;
  if (regime && !entry.regimes.split(' ').includes(regime)) {
    return `Uso ${use} does not go with régimen ${regime}`;
  }
  return undefined;
}

/** LugarExpedicion and DomicilioFiscalReceptor: a Mexican postal code, 5 digits. */
export const isMexicanPostalCode = (code: string): boolean => /^\d{5}$/.test(code);
