import { treatmentProblems } from '../deposits/treatment.ts';
import { type FieldError, PreconditionFailedError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Jurisdiction } from '../taxes/model.ts';
import { getSettings } from './get-settings.ts';
import { ibanProblem, normalizeIban } from './iban.ts';
import { mergeSelfInvoicing } from './self-invoicing.ts';
import type { SettingsPatch, SettingsRepository, TenantSettings } from './settings.ts';

/** Applies one section of a merge patch: `null` drops a field, absent keeps it. */
function mergeSection<T extends Record<string, unknown>>(
  current: T | undefined,
  patch: { [K in keyof T]?: T[K] | null } | null | undefined,
): T | undefined {
  if (patch === undefined) return current;
  if (patch === null) return undefined;
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  // An emptied section disappears, so GET shows the same shape as a tenant that never set it.
  return Object.keys(next).length ? (next as T) : undefined;
}

/**
 * Merges `patch` into the tenant's settings and stores them as a new version. `expectedVersion`
 * (from `If-Match`) guards against overwriting a change the caller has not seen.
 */
export const updateSettings =
  (deps: {
    settings: SettingsRepository;
    clock: Clock;
    /** Whether the tenant has a series of invoices with this code (self-invoicing's `seriesId`). */
    invoiceSeries?: (tenantId: string, code: string) => Promise<boolean>;
    /** Whose tax rules the tenant follows (the deposit treatment's taxes); Spain's unless given. */
    jurisdiction?: (tenantId: string) => Promise<Jurisdiction>;
  }) =>
  async (
    tenantId: string,
    patch: SettingsPatch,
    expectedVersion?: number,
  ): Promise<TenantSettings> => {
    const current = await getSettings(deps)(tenantId);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `The settings are at version ${current.version}, not ${expectedVersion}`,
      );
    }
    const payment = mergeSection(current.payment, patch.payment);
    const errors: FieldError[] = [];
    if (payment?.iban !== undefined) {
      payment.iban = normalizeIban(payment.iban);
      const problem = ibanProblem(payment.iban);
      if (problem) errors.push({ path: 'payment.iban', message: problem });
    }
    const selfInvoicing = mergeSelfInvoicing(current.selfInvoicing, patch.selfInvoicing, errors);
    const seriesId = patch.selfInvoicing?.seriesId;
    if (seriesId && deps.invoiceSeries && !(await deps.invoiceSeries(tenantId, seriesId))) {
      errors.push({ path: 'selfInvoicing.seriesId', message: `No invoice series ${seriesId}` });
    }
    const deposits =
      patch.deposits === undefined ? current.deposits : (patch.deposits ?? undefined);
    if (patch.deposits) {
      const jurisdiction = (await deps.jurisdiction?.(tenantId)) ?? 'ES';
      errors.push(...treatmentProblems(patch.deposits, jurisdiction, 'deposits'));
    }
    if (errors.length) throw new ValidationError('Invalid settings', errors);
    const branding = mergeSection(current.branding, patch.branding);
    const support = mergeSection(current.support, patch.support);
    const next: TenantSettings = {
      tenantId,
      notifications: {
        recipientsOnIssue:
          patch.notifications?.recipientsOnIssue ?? current.notifications.recipientsOnIssue,
      },
      ...(payment ? { payment } : {}),
      ...(branding ? { branding } : {}),
      ...(selfInvoicing ? { selfInvoicing } : {}),
      ...(deposits ? { deposits } : {}),
      ...(support ? { support } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.settings.save(next, current);
    return next;
  };
