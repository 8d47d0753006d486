import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { formatMoney } from '../../i18n/index.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { allOf, QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { ForwardingPanel } from '../invoices/forwarding.tsx';
import { PdfPreview } from '../invoices/preview.tsx';
import { INVOICES, type Invoice, useInvoice } from '../invoices/queries.ts';
import { InvoiceTotals, StatusBadge, useLanguage } from '../invoices/totals.tsx';
import { addAmounts } from './money.ts';
import { CLAIMS, type Claim, type Valuation } from './queries.ts';

type Side = 'insurer' | 'insured';

/** One of the two invoices: whom it bills, its status, totals and preview (a draft's PDF). */
function InvoiceCard({ side, invoice }: { side: Side; invoice: Invoice }) {
  const { t } = useTranslation();
  const heading = `billing-${side}`;
  // The PDF is drawn by the API when asked: only once its preview is opened.
  const [previewing, setPreviewing] = useState(false);
  return (
    <section className="card billing-invoice" aria-labelledby={heading} data-billed={side}>
      <h3 id={heading}>{t(`claims.billing.${side}`)}</h3>
      <p>
        <strong>{invoice.customer.name}</strong>{' '}
        <span className="mono">{invoice.customer.taxId}</span>
      </p>
      <p>
        <StatusBadge status={invoice.status} />{' '}
        {invoice.number ? <span className="mono">{invoice.number}</span> : null}{' '}
        <Link to={`/invoices/${encodeURIComponent(invoice.id)}`}>{t('claims.billing.open')}</Link>
      </p>
      <InvoiceTotals invoice={invoice} />
      {invoice.status === 'draft' ? (
        <details className="billing-preview" onToggle={(e) => setPreviewing(e.currentTarget.open)}>
          <summary>{t('claims.billing.preview')}</summary>
          {previewing ? <PdfPreview invoice={invoice} /> : null}
        </details>
      ) : null}
    </section>
  );
}

/** The two invoices side by side, their sum against the valuation's total, and "issue both". */
function Drafts({
  claim,
  invoices,
  valuation,
  onNotice,
}: {
  claim: Claim;
  invoices: Invoice[];
  valuation: Valuation | undefined;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const language = useLanguage();
  const message = useErrorMessage();
  const canIssue = useCan('POST /v1/claims/{id}/invoices/issue');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [insurer, insured] = invoices as [Invoice, Invoice | undefined];
  const currency = insurer.currency;
  const money = (amount: string) => formatMoney(amount, currency, language);
  const sum = addAmounts(invoices.map((i) => i.totals.total));
  const total = valuation?.totals.total;
  const drafts = invoices.every((i) => i.status === 'draft');

  const issue = async () => {
    setPending(true);
    setError(undefined);
    try {
      const issued = unwrap(
        await api.POST('/v1/claims/{id}/invoices/issue', { params: { path: { id: claim.id } } }),
      );
      await queries.invalidateQueries({ queryKey: INVOICES });
      await queries.invalidateQueries({ queryKey: CLAIMS });
      const numbers = [issued.insurer, issued.insured]
        .flatMap((i) => (i?.number ? [i.number] : []))
        .join(', ');
      onNotice(t('claims.billing.issued', { numbers }));
    } catch (e) {
      setError(message(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <div className="billing-pair">
        <InvoiceCard side="insurer" invoice={insurer} />
        {insured ? <InvoiceCard side="insured" invoice={insured} /> : null}
      </div>
      <dl className="totals billing-sum" data-billing-sum="">
        <div className="grand-total">
          <dt>{t('claims.billing.sum')}</dt>
          <dd data-total="sum">{money(sum)}</dd>
        </div>
      </dl>
      {total ? (
        <p className={sum === total ? 'hint adds-up' : 'field-error'} data-adds-up={sum === total}>
          {t(sum === total ? 'claims.billing.adds' : 'claims.billing.mismatch', {
            total: money(total),
          })}
        </p>
      ) : null}
      {drafts && canIssue ? (
        <div className="form-actions">
          <Button className="button primary" isPending={pending} onPress={() => void issue()}>
            {t(insured ? 'claims.billing.issueBoth' : 'claims.billing.issueOne')}
          </Button>
        </div>
      ) : null}
      {error ? <FormAlert messages={[error]} /> : null}
      {drafts
        ? null
        : invoices.map((invoice) => <ForwardingPanel key={invoice.id} invoice={invoice} />)}
    </>
  );
}

/**
 * Billing from the claim: "accept" makes the insurer's and the insured's drafts from the latest
 * valuation; then both side by side, previewed, and issued together.
 */
export function ClaimBilling({
  claim,
  valuation,
  onNotice,
}: {
  claim: Claim;
  valuation: Valuation | undefined;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const message = useErrorMessage();
  const canAccept = useCan('POST /v1/claims/{id}/invoices');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const ids = claim.invoices;
  const insurer = useInvoice(ids?.insurer ?? '', Boolean(ids));
  const insured = useInvoice(ids?.insured ?? '', Boolean(ids?.insured));
  // The drafts of an older version are made again from the latest (the API replaces them).
  const stale =
    ids !== undefined &&
    claim.valuationVersion !== undefined &&
    ids.valuationVersion < claim.valuationVersion &&
    insurer.data?.invoice.status === 'draft';

  const accept = async () => {
    setPending(true);
    setError(undefined);
    try {
      unwrap(await api.POST('/v1/claims/{id}/invoices', { params: { path: { id: claim.id } } }));
      await queries.invalidateQueries({ queryKey: INVOICES });
      await queries.invalidateQueries({ queryKey: CLAIMS });
      onNotice(t('claims.billing.made'));
    } catch (e) {
      setError(message(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="billing-heading">
      <h2 id="billing-heading">{t('claims.billing.title')}</h2>
      {valuation && (!ids || stale) && canAccept ? (
        <>
          <p className="hint">{t('claims.billing.acceptHint')}</p>
          <div className="form-actions">
            <Button className="button primary" isPending={pending} onPress={() => void accept()}>
              {t('claims.billing.accept')}
            </Button>
          </div>
        </>
      ) : null}
      {error ? <FormAlert messages={[error]} /> : null}
      {ids ? (
        <QueryState query={ids.insured ? allOf(insurer, insured) : allOf(insurer, insurer)}>
          {([first, second]) => (
            <Drafts
              claim={claim}
              invoices={ids.insured ? [first.invoice, second.invoice] : [first.invoice]}
              valuation={valuation}
              onNotice={onNotice}
            />
          )}
        </QueryState>
      ) : null}
    </section>
  );
}
