import type { Customer } from '../customers/customer.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { todayIn } from '../shared/dates.ts';
import type { Tenant } from '../tenants/tenant.ts';
import type { InvoiceDeps } from './deps.ts';
import { takingDeposits } from './from-deposits.ts';
import { getInvoice } from './get-invoice.ts';
import { chooseSeries } from './list-series.ts';
import type { Invoice } from './model.ts';
import { customerSnapshot, issuerSnapshot, loadParties } from './parties.ts';
import { formatNumber, numberingPeriod } from './series.ts';
import { assertIssuable } from './terms.ts';
import { altaFor, chainsRecords } from './verifactu.ts';

/**
 * Issues a draft: the next number of its series and the frozen invoice are written in one
 * transaction, so a number is never given twice nor skipped. Parties are refreshed from the
 * tenant and customer as they are at issue. Invoices of a series keep chronological order: an
 * issue date before the series' last one is refused, and no invoice is dated in the future.
 */
export const issueInvoice =
  (deps: Omit<InvoiceDeps, 'resolveLines'>) =>
  async (tenantId: string, id: string): Promise<Invoice> => {
    const draft = await getInvoice(deps)(tenantId, id);
    if (draft.status !== 'draft') {
      throw new ConflictError(`Invoice ${id} is already ${draft.status} as ${draft.number}`);
    }
    return issueDraft(deps, draft, await loadParties(deps, tenantId, draft.customerId));
  };

/**
 * Issues a draft never stored, made by `draftInvoice` in this request (self-invoicing): the
 * numbering transaction writes it, issued, where no item may exist yet, so a failure leaves
 * nothing behind and it costs neither the draft's write nor its reading back. The parties are
 * the ones the draft was made from, read in this request.
 */
export const issueNewInvoice =
  (deps: Omit<InvoiceDeps, 'resolveLines'>) =>
  (draft: Invoice, parties: { tenant: Tenant; customer: Customer }): Promise<Invoice> =>
    issueDraft(deps, { ...draft, version: 0 }, parties);

async function issueDraft(
  deps: Omit<InvoiceDeps, 'resolveLines'>,
  draft: Invoice,
  { tenant, customer }: { tenant: Tenant; customer: Customer },
): Promise<Invoice> {
  const tenantId = draft.tenantId;
  assertIssuable(tenant, customer);
  const series = await chooseSeries(deps)(tenantId, draft.kind, draft.series);
  const now = deps.clock.now();
  const today = todayIn(tenant.timezone, now);
  const issueDate = draft.issueDateFixed ? draft.issueDate : today;
  if (issueDate > today) {
    throw new ValidationError(`Issue date ${issueDate} is in the future`, [
      { path: 'issueDate', message: `Invoices cannot be dated after today (${today})` },
    ]);
  }
  const at = now.toISOString();
  const chained = chainsRecords(deps, tenant);
  const { invoice } = await deps.invoices.issue(
    draft,
    { series: series.code, period: numberingPeriod(series, issueDate) },
    (counter) => {
      if (counter.lastIssueDate && issueDate < counter.lastIssueDate) {
        throw new ValidationError(
          `Issue date ${issueDate} breaks the order of series ${series.code}`,
          [
            {
              path: 'issueDate',
              message: `Series ${series.code} already has an invoice dated ${counter.lastIssueDate}`,
            },
          ],
        );
      }
      const sequence = counter.last + 1;
      const issued: Invoice = {
        ...draft,
        status: 'issued',
        sequence,
        number: formatNumber(series, issueDate, sequence),
        issueDate,
        issuer: issuerSnapshot(tenant),
        customer: customerSnapshot(customer),
        // A CFDI is stamped after numbering (stampInvoice): until then it is pending.
        ...(tenant.address.country === 'MX' ? { cfdi: { status: 'pending' as const } } : {}),
        events: [...draft.events, { at, type: 'issued' }],
        version: draft.version + 1,
        updatedAt: at,
        issuedAt: at,
      };
      return {
        invoice: issued,
        // Its deposits are taken with its number, or the issue fails naming the one lost.
        ...(draft.deposits?.length ? { deposits: takingDeposits(draft) } : {}),
        ...(chained
          ? { record: altaFor(issued, chained, counter.chain?.link, now, tenant.timezone) }
          : {}),
      };
    },
    { chain: !!chained },
  );
  return invoice;
}
