import { memo, useCallback, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
import { FormAlert } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import {
  type PortalDeposit,
  useCreateDraft,
  useDepositsToInvoice,
  useMyInvoices,
  useSuppliers,
} from './queries.ts';
import { TotalCard } from './total-card.tsx';

/**
 * Movements › invoicing at one supplier: the recipient's deposits still to invoice, ticked into
 * an invoice whose figures the total card shows as they change; then a draft of them.
 */
export function InvoicingPage() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'es';
  const { tenantId = '' } = useParams();
  const suppliers = useSuppliers();
  const supplier = suppliers.data?.find((s) => s.tenantId === tenantId);
  const deposits = useDepositsToInvoice(tenantId);
  return (
    <Page title={t('movements.invoicingTitle')}>
      <nav aria-label={t('movements.breadcrumb')} className="breadcrumb">
        <Link to="/movements">{t('movements.title')}</Link>
        <span aria-hidden="true"> › </span>
        <span>{supplier?.name ?? '…'}</span>
      </nav>
      <p className="lead">{t('movements.invoicingLead')}</p>
      <QueryState
        query={deposits}
        isEmpty={(d) => d.items.length === 0}
        empty={t('movements.nothingToInvoice')}
      >
        {(d) => (
          <Selection
            tenantId={tenantId}
            deposits={d.items}
            treatment={d.treatment}
            jurisdiction={d.jurisdiction}
            more={d.more}
            language={language}
          />
        )}
      </QueryState>
      <MyInvoices tenantId={tenantId} language={language} />
    </Page>
  );
}

function Selection({
  tenantId,
  deposits,
  treatment,
  jurisdiction,
  more,
  language,
}: {
  tenantId: string;
  deposits: PortalDeposit[];
  treatment: Parameters<typeof TotalCard>[0]['treatment'];
  jurisdiction: 'ES' | 'MX';
  more: boolean;
  language: Language;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const navigate = useNavigate();
  const create = useCreateDraft(tenantId);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  // Stable, so only the row ticked renders again.
  const toggle = useCallback((id: string) => {
    setTicked((now) => {
      const next = new Set(now);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const selected = useMemo(() => deposits.filter((d) => ticked.has(d.id)), [deposits, ticked]);
  const all = ticked.size === deposits.length;
  const draft = async () => {
    const invoice = await create.mutateAsync(selected.map((d) => d.id));
    navigate(
      `/movements/${encodeURIComponent(tenantId)}/invoices/${encodeURIComponent(invoice.id)}`,
    );
  };
  return (
    <div className="invoicing">
      <section className="card invoicing-deposits" aria-labelledby="to-invoice">
        <h2 id="to-invoice">{t('movements.toInvoice', { count: deposits.length })}</h2>
        <div className="inbox-buttons">
          <Button
            className="button secondary compact"
            onPress={() => setTicked(all ? new Set() : new Set(deposits.map((d) => d.id)))}
          >
            {all ? t('movements.tickNone') : t('movements.tickAll')}
          </Button>
        </div>
        <table className="table deposits-table">
          <caption className="visually-hidden">
            {t('movements.toInvoice', { count: deposits.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('movements.columns.tick')}</span>
              </th>
              <th scope="col">{t('movements.columns.date')}</th>
              <th scope="col" className="wide-only">
                {t('movements.columns.reference')}
              </th>
              <th scope="col" className="amount">
                {t('movements.columns.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {deposits.map((d) => (
              <DepositRow
                key={d.id}
                deposit={d}
                checked={ticked.has(d.id)}
                onToggle={toggle}
                language={language}
              />
            ))}
          </tbody>
        </table>
        {more ? <p className="hint">{t('movements.more')}</p> : null}
      </section>
      <div className="invoicing-side">
        <TotalCard
          selected={selected}
          treatment={treatment}
          jurisdiction={jurisdiction}
          language={language}
        />
        {create.isError ? <FormAlert messages={[message(create.error)]} /> : null}
        <Button
          className="button primary"
          isDisabled={selected.length === 0}
          isPending={create.isPending}
          onPress={() => void draft().catch(() => undefined)}
        >
          {t('movements.makeDraft')}
        </Button>
      </div>
    </div>
  );
}

/** One deposit with its box; renders again only when its own box changes. */
const DepositRow = memo(function DepositRow({
  deposit,
  checked,
  onToggle,
  language,
}: {
  deposit: PortalDeposit;
  checked: boolean;
  onToggle: (id: string) => void;
  language: Language;
}) {
  const { t } = useTranslation();
  const id = `tick-${deposit.id}`;
  const date = formatDate(deposit.date, language);
  const amount = formatMoney(deposit.amount, deposit.currency, language);
  return (
    <tr className={checked ? 'ticked' : undefined}>
      <td>
        {/* The browser's own box: 500 of them stay light. */}
        <input
          id={id}
          type="checkbox"
          className="tick"
          checked={checked}
          onChange={() => onToggle(deposit.id)}
          aria-label={t('movements.tickOne', { date, amount, reference: deposit.reference })}
        />
      </td>
      <td>
        <label htmlFor={id}>{date}</label>
        <span className="deposits-narrow mono">{deposit.reference}</span>
      </td>
      <td className="wide-only mono">{deposit.reference}</td>
      <td className="amount">{amount}</td>
    </tr>
  );
});

/** The recipient's invoices at this supplier: drafts it made, and the issued ones. */
function MyInvoices({ tenantId, language }: { tenantId: string; language: Language }) {
  const { t } = useTranslation();
  const invoices = useMyInvoices(tenantId);
  return (
    <section className="card" aria-labelledby="my-invoices">
      <h2 id="my-invoices">{t('movements.invoices')}</h2>
      <QueryState
        query={invoices}
        isEmpty={(list) => list.length === 0}
        empty={t('movements.noInvoices')}
      >
        {(list) => (
          <table className="table">
            <caption className="visually-hidden">{t('movements.invoices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('movements.columns.number')}</th>
                <th scope="col" className="wide-only">
                  {t('movements.columns.issueDate')}
                </th>
                <th scope="col" className="amount">
                  {t('movements.columns.total')}
                </th>
                <th scope="col">{t('movements.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link
                      to={`/movements/${encodeURIComponent(tenantId)}/invoices/${encodeURIComponent(i.id)}`}
                    >
                      {i.number ?? t('movements.draft')}
                    </Link>
                  </td>
                  <td className="wide-only">
                    {i.issueDate ? formatDate(i.issueDate, language) : ''}
                  </td>
                  <td className="amount">{formatMoney(i.totals.total, i.currency, language)}</td>
                  <td>{t(`movements.statuses.${i.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
