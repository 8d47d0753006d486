import type { Jurisdiction } from './model.ts';

/**
 * Rates accepted per tax, as decimal strings in their plain form. Sources: Ley 37/1992 del IVA
 * art. 90–91 (21, 10, 4; 5 for the temporary reduced rate; 0 for tipo cero), art. 161 (recargo de
 * equivalencia: 5.2 with 21, 1.75 tobacco with 21, 1.4 with 10, 0.62 with 5, 0.5 with 4); Ley
 * 4/2012 and Canarias' 2024 rates for IGIC (0, 3, 5, 7, 9.5, 15, 20).
 */
export const RATES: Record<'IVA' | 'IGIC', readonly string[]> = {
  IVA: ['21', '10', '5', '4', '0'],
  IGIC: ['20', '15', '9.5', '7', '5', '3', '0'],
};

/** Recargo de equivalencia that goes with each IVA rate. */
export const RE_FOR_IVA: Record<string, readonly string[]> = {
  '21': ['5.2', '1.75'],
  '10': ['1.4'],
  '5': ['0.62'],
  '4': ['0.5'],
};

/** IRPF withholding is a percentage set by the activity; any rate up to the top marginal rate. */
export const IRPF_MAX = '47';

/** A tenant is Mexican when its address is in Mexico (its tax id is then an RFC). */
export const jurisdictionOf = (country: string): Jurisdiction => (country === 'MX' ? 'MX' : 'ES');

/**
 * Mexico. IVA (Ley del IVA): 16 general (art. 1), 8 in the northern and southern border regions
 * (Decretos de estímulos fiscales región fronteriza, accepted for any issuer: the region is the
 * tenant's to know), 0 (art. 2-A); exempt operations (art. 9, 15, 20, 25) are `exempt` with 0.
 * These are SAT's c_TasaOCuota fixed values for IVA traslado (0.160000, 0.080000, 0.000000).
 */
export const MX_IVA_RATES: readonly string[] = ['16', '8', '0'];

/**
 * IEPS charged at a rate (tasa), Ley del IEPS art. 2: I A) beverages with alcohol and beer 26.5,
 * 30, 53; I B) alcohol and mieles incristalizables 50; I C) tobacco 160 (cigarettes, cigars),
 * 30.4 (hand-made cigars); I F) energy drinks 25; I I) pesticides 9, 7, 6; I J) high-calorie
 * foods 8; II B) gambling 30; II C) telecommunications 3; and 0. The same values as SAT's
 * c_TasaOCuota for IEPS Tasa. IEPS per unit (cuota: fuels, flavoured drinks, the cigarette
 * quota) is not supported: only `Tasa` is written.
 */
export const MX_IEPS_RATES: readonly string[] = [
  '160',
  '53',
  '50',
  '30.4',
  '30',
  '26.5',
  '25',
  '9',
  '8',
  '7',
  '6',
  '3',
  '0',
];

/** c_TasaOCuota ranges for withholdings: ISR up to 35 %, IVA up to 16 % (e.g. 10.6667, 4). */
export const MX_ISR_MAX = '35';
export const MX_IVA_WITHHELD_MAX = '16';
