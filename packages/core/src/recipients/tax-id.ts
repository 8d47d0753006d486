import { ValidationError } from '../errors.ts';
import { validateTaxId } from '../parties/tax-id.ts';

/**
 * Mexico's generic RFCs (público en general, extranjeros) name no one in particular: many
 * unrelated buyers share them, so an account for one would read all their invoices.
 */
const SHARED_TAX_IDS = new Set(['XAXX010101000', 'XEXX010101000']);

/**
 * The normalised tax id of a recipient (the form invoices store for their customer, which the
 * inbox is keyed on), checked against `country` (ES unless given).
 */
export function recipientTaxId(taxId: string, country = 'ES'): string {
  const check = validateTaxId(taxId, country);
  if (!check.valid) {
    throw new ValidationError(`Invalid tax id: ${check.reason}`, [
      { path: 'taxId', message: check.reason },
    ]);
  }
  if (SHARED_TAX_IDS.has(check.normalized)) {
    throw new ValidationError('This tax id is shared by many buyers and cannot have an account', [
      { path: 'taxId', message: `${check.normalized} is a generic RFC` },
    ]);
  }
  return check.normalized;
}

/** Whether invoices to `taxId` may carry an onboarding key (see SHARED_TAX_IDS). */
export const canOnboard = (taxId: string): boolean => !SHARED_TAX_IDS.has(taxId);

export const normalizeRecipientEmail = (email: string): string => email.trim().toLowerCase();
