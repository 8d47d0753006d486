import { useDeferredValue, useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { DeferredOptionSelect } from '../../ui/deferred-option-select.tsx';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import {
  type InvoiceFilters,
  type InvoiceStatus,
  STATUSES,
  useAllCustomers,
  useInvoices,
  useSeries,
} from './queries.ts';
import { StatusBadge, useLanguage } from './totals.tsx';

const ANY = '';
const FILTERS = ['status', 'customerId', 'series', 'from', 'to'] as const;

/** The filters live in the URL: a filtered list can be linked to and survives a reload. */
function filtersOf(params: URLSearchParams): InvoiceFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters as InvoiceFilters;
}

function FiltersForm({ filters }: { filters: InvoiceFilters }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const customers = useAllCustomers();
  const series = useSeries();
  const [status, setStatus] = useState<string>(filters.status ?? ANY);
  const [customerId, setCustomerId] = useState<string>(filters.customerId ?? ANY);
  const [seriesCode, setSeriesCode] = useState<string>(filters.series ?? ANY);
  const f = (key: string) => t(`invoices.filters.${key}` as 'invoices.filters.status');
  return (
    <Form
      className="invoice-filters"
      aria-label={f('label')}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const next = new URLSearchParams();
        const values: Record<string, string> = {
          status,
          customerId,
          series: seriesCode,
          from: String(data.get('from') ?? ''),
          to: String(data.get('to') ?? ''),
        };
        for (const key of FILTERS) if (values[key]) next.set(key, values[key]);
        setParams(next);
      }}
    >
      <DeferredOptionSelect
        name="status"
        label={f('status')}
        options={[
          { id: ANY, label: f('anyStatus') },
          ...STATUSES.map((s) => ({
            id: s,
            label: t(`invoices.status.${s}` as 'invoices.status.draft'),
          })),
        ]}
        value={status}
        onChange={setStatus}
      />
      <DeferredOptionSelect
        name="customerId"
        label={f('customer')}
        options={[
          { id: ANY, label: f('anyCustomer') },
          ...(customers.data ?? []).map((c) => ({ id: c.id, label: c.name })),
        ]}
        value={customerId}
        onChange={setCustomerId}
      />
      <DeferredOptionSelect
        name="series"
        label={f('series')}
        options={[
          { id: ANY, label: f('anyStatus') },
          ...(series.data ?? []).map((s) => ({ id: s.code, label: s.code })),
        ]}
        value={seriesCode}
        onChange={setSeriesCode}
      />
      <TextField className="field" name="from" type="date" defaultValue={filters.from ?? ''}>
        <Label>{f('from')}</Label>
        <Input className="input" />
      </TextField>
      <TextField className="field" name="to" type="date" defaultValue={filters.to ?? ''}>
        <Label>{f('to')}</Label>
        <Input className="input" />
      </TextField>
      <div className="filter-actions">
        <Button type="submit" className="button secondary">
          {f('apply')}
        </Button>
        {Object.keys(filters).length > 0 ? (
          <Link className="button secondary" to="/invoices">
            {f('clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export function InvoicesListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params] = useSearchParams();
  const { state } = useLocation() as { state: { notice?: string } | null };
  const filters = filtersOf(params);
  const list = useInvoices(filters);
  const canCreate = useCan('POST /v1/invoices');
  // The first page of rows is drawn in a transition (short tasks, the page stays responsive);
  // afterwards, what the query holds is drawn at once, never an older list.
  const firstShown = useDeferredValue(list.data) !== undefined;
  const data = firstShown ? list.data : undefined;
  const invoices = data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <Page
      title={t('invoices.title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/invoices/new">
            {t('invoices.new')}
          </Link>
        ) : null
      }
    >
      <p className="notice" role="status">
        {state?.notice ?? ''}
      </p>
      {/* A new key per URL: the form starts again from the filters the URL holds. */}
      <FiltersForm key={params.toString()} filters={filters} />
      {list.isPending || (!data && !list.isError) ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : invoices.length === 0 ? (
        <EmptyState
          action={
            filtered || !canCreate ? null : (
              <Link className="button secondary" to="/invoices/new">
                {t('invoices.createFirst')}
              </Link>
            )
          }
        >
          {filtered ? t('invoices.noMatch') : t('invoices.empty')}
        </EmptyState>
      ) : (
        <>
          <table className="table invoice-table">
            <caption className="visually-hidden">{t('invoices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.columns.number')}</th>
                <th scope="col" className="wide-only">
                  {t('invoices.columns.date')}
                </th>
                <th scope="col" className="wide-only">
                  {t('invoices.columns.customer')}
                </th>
                <th scope="col">{t('invoices.columns.status')}</th>
                <th scope="col" className="wide-only">
                  {t('invoices.columns.buyer')}
                </th>
                <th scope="col" className="num">
                  {t('invoices.columns.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>
                    <Link
                      className="invoice-number"
                      to={`/invoices/${encodeURIComponent(invoice.id)}`}
                    >
                      {invoice.number ?? t('invoices.draft')}
                    </Link>
                    {/* On a phone the customer goes under the number, not in a column of its own. */}
                    <span className="narrow-only">{invoice.customer.name}</span>
                  </td>
                  <td className="wide-only">
                    {invoice.issueDate ? formatDate(invoice.issueDate, language) : ''}
                  </td>
                  <td className="wide-only">{invoice.customer.name}</td>
                  <td>
                    <StatusBadge status={invoice.status as InvoiceStatus} />
                  </td>
                  <td className="wide-only">
                    {invoice.recipientStatus
                      ? t(`invoices.buyer.${invoice.recipientStatus}` as 'invoices.buyer.accepted')
                      : ''}
                  </td>
                  <td className="num">
                    {formatMoney(invoice.totals.total, invoice.currency, language)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage ? (
            <Button
              className="button secondary"
              isPending={list.isFetchingNextPage}
              onPress={() => void list.fetchNextPage()}
            >
              {t('invoices.more')}
            </Button>
          ) : null}
        </>
      )}
    </Page>
  );
}
