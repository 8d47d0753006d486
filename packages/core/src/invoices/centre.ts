import type { Centre } from '../centres/model.ts';
import { ValidationError } from '../errors.ts';
import type { InvoiceDeps } from './deps.ts';

/**
 * The work centre a draft is made at: the one `centreId` names (a ValidationError naming
 * `centreId` when the tenant has none such), else the signed-in staff member's when it belongs to
 * exactly one, else none.
 */
export async function invoiceCentre(
  deps: Pick<InvoiceDeps, 'centres' | 'staffCentres'>,
  tenantId: string,
  input: { centreId?: string | undefined; staffUserId?: string | undefined },
): Promise<Centre | undefined> {
  if (input.centreId) {
    const centre = await deps.centres?.get(tenantId, input.centreId);
    if (!centre) {
      throw new ValidationError(`No centre ${input.centreId}`, [
        { path: 'centreId', message: `No centre ${input.centreId}` },
      ]);
    }
    return centre;
  }
  if (!input.staffUserId || !deps.centres || !deps.staffCentres) return undefined;
  const ids = await deps.staffCentres(input.staffUserId);
  // A member of several centres says which one; a centre gone since is no default.
  return ids?.length === 1 ? deps.centres.get(tenantId, ids[0]!) : undefined;
}
