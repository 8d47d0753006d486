import type { Language } from '../parties/party.ts';
import type { Claim } from './model.ts';

/** The lines the franchise split adds, in the language of the customer whose invoice has them. */
export function splitTexts(
  claim: Pick<Claim, 'claimNumber' | 'policyNumber' | 'vehicle'>,
  insurer: Language,
  insured: Language,
) {
  const { claimNumber: n, policyNumber: p, vehicle } = claim;
  const deduction: Record<Language, string> = {
    es: `Franquicia a cargo del asegurado (siniestro ${n})`,
    ca: `Franquícia a càrrec de l'assegurat (sinistre ${n})`,
    en: `Franchise paid by the insured (claim ${n})`,
  };
  const franchise: Record<Language, string> = {
    es: `Franquicia del siniestro ${n}, póliza ${p}, vehículo ${vehicle.plate}`,
    ca: `Franquícia del sinistre ${n}, pòlissa ${p}, vehicle ${vehicle.plate}`,
    en: `Franchise of claim ${n}, policy ${p}, vehicle ${vehicle.plate}`,
  };
  return {
    deduction: deduction[insurer] ?? deduction.es,
    franchise: franchise[insured] ?? franchise.es,
  };
}
