import type { TaxType } from './model.ts';

/**
 * Rates accepted per tax, as decimal strings in their plain form. Sources: Ley 37/1992 del IVA
 * art. 90–91 (21, 10, 4; 5 for the temporary reduced rate; 0 for tipo cero), art. 161 (recargo de
 * equivalencia: 5.2 with 21, 1.75 tobacco with 21, 1.4 with 10, 0.62 with 5, 0.5 with 4); Ley
 * 4/2012 and Canarias' 2024 rates for IGIC (0, 3, 5, 7, 9.5, 15, 20).
 */
export const RATES: Record<Exclude<TaxType, 'IRPF' | 'RE'>, readonly string[]> = {
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
