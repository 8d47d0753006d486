import { useDeferredValue, useState } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { DeferredOptionSelect } from '../../ui/deferred-option-select.tsx';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { TicketStatusBadge, TicketsTabs, useLanguage } from './parts.tsx';
import {
  periodOfGlobal,
  STATUSES,
  type Ticket,
  type TicketFilters,
  useTickets,
} from './queries.ts';

const ANY = '';
type FilterString =
  | 'label'
  | 'status'
  | 'anyStatus'
  | 'store'
  | 'reference'
  | 'from'
  | 'to'
  | 'apply'
  | 'clear';
const FILTERS = ['status', 'store', 'reference', 'from', 'to'] as const;

/** The filters live in the URL: a filtered list can be linked to and survives a reload. */
function filtersOf(params: URLSearchParams): TicketFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters as TicketFilters;
}

function FiltersForm({ filters }: { filters: TicketFilters }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [status, setStatus] = useState<string>(filters.status ?? ANY);
  const f = (key: FilterString) => t(`tickets.filters.${key}`);
  return (
    <Form
      className="invoice-filters"
      aria-label={f('label')}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const next = new URLSearchParams();
        const values: Record<string, string> = { status };
        for (const key of ['store', 'reference', 'from', 'to'])
          values[key] = String(data.get(key) ?? '').trim();
        for (const key of FILTERS) if (values[key]) next.set(key, values[key]);
        setParams(next);
      }}
    >
      <DeferredOptionSelect
        name="status"
        label={f('status')}
        options={[
          { id: ANY, label: f('anyStatus') },
          ...STATUSES.map((s) => ({ id: s, label: t(`tickets.status.${s}`) })),
        ]}
        value={status}
        onChange={setStatus}
      />
      <TextField className="field" name="reference" defaultValue={filters.reference ?? ''}>
        <Label>{f('reference')}</Label>
        <Input className="input" />
      </TextField>
      <TextField className="field" name="store" defaultValue={filters.store ?? ''}>
        <Label>{f('store')}</Label>
        <Input className="input" />
      </TextField>
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
          <Link className="button secondary" to="/tickets">
            {f('clear')}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** The sale's day as the till's clock gave it (the instant carries the till's offset). */
export const saleDay = (ticket: Pick<Ticket, 'date'>) => ticket.date.slice(0, 10);

/** What became of a ticket: the invoice it became (a link) or the global it is in. */
export function TicketOutcome({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  if (ticket.invoiceId)
    return (
      <Link
        to={`/invoices/${encodeURIComponent(ticket.invoiceId)}`}
        aria-label={t('tickets.invoiceLinkLabel', { reference: ticket.reference })}
      >
        {t('tickets.invoiceLink')}
      </Link>
    );
  if (ticket.globalInvoiceId)
    return (
      <Link to="/tickets/global-invoices">
        {t('tickets.inGlobal', { period: periodOfGlobal(ticket.globalInvoiceId) })}
      </Link>
    );
  return null;
}

export function TicketsListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params] = useSearchParams();
  const filters = filtersOf(params);
  const list = useTickets(filters);
  // The first page of rows is drawn in a transition; afterwards what the query holds, at once.
  const firstShown = useDeferredValue(list.data) !== undefined;
  const data = firstShown ? list.data : undefined;
  const tickets = data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <Page title={t('tickets.title')}>
      <TicketsTabs />
      {/* A new key per URL: the form starts again from the filters the URL holds. */}
      <FiltersForm key={params.toString()} filters={filters} />
      {list.isPending || (!data && !list.isError) ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : tickets.length === 0 ? (
        <EmptyState>{filtered ? t('tickets.noMatch') : t('tickets.empty')}</EmptyState>
      ) : (
        <>
          <table className="table ticket-table">
            <caption className="visually-hidden">{t('tickets.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.columns.reference')}</th>
                <th scope="col" className="wide-only">
                  {t('tickets.columns.date')}
                </th>
                <th scope="col" className="wide-only">
                  {t('tickets.columns.store')}
                </th>
                <th scope="col">{t('tickets.columns.status')}</th>
                <th scope="col" className="wide-only">
                  {t('tickets.columns.invoice')}
                </th>
                <th scope="col" className="num">
                  {t('tickets.columns.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td>
                    <Link
                      className="invoice-number"
                      to={`/tickets/${encodeURIComponent(ticket.id)}`}
                    >
                      {ticket.reference}
                    </Link>
                    {/* On a phone the date goes under the reference. */}
                    <span className="narrow-only">{formatDate(saleDay(ticket), language)}</span>
                  </td>
                  <td className="wide-only">{formatDate(saleDay(ticket), language)}</td>
                  <td className="wide-only">{ticket.store ?? ''}</td>
                  <td>
                    <TicketStatusBadge status={ticket.status} />
                    {ticket.lateRequest ? (
                      <>
                        {' '}
                        <Link className="badge" to="/tickets/late-requests">
                          {t('tickets.lateBadge')}
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td className="wide-only">
                    <TicketOutcome ticket={ticket} />
                  </td>
                  <td className="num">{formatMoney(ticket.total, ticket.currency, language)}</td>
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
              {t('tickets.more')}
            </Button>
          ) : null}
        </>
      )}
    </Page>
  );
}
