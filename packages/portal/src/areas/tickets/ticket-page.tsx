import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/index.ts';
import { formatDate, formatMoney } from '../../i18n/index.ts';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { saleDay, TicketOutcome } from './list-page.tsx';
import { TicketStatusBadge, useLanguage, useTaxIdLabel } from './parts.tsx';
import { type Ticket, useTicket } from './queries.ts';

type Tax = NonNullable<Ticket['taxes']>[number];
type LineTax = NonNullable<Ticket['lines']>[number]['taxes'][number];

/** "IVA 21 %", "IVA exento (E1)": one tax in words. */
function useTaxWords() {
  const { t } = useTranslation();
  const language = useLanguage();
  const rate = (value: string) => `${value.replace('.', language === 'en' ? '.' : ',')} %`;
  return {
    rate,
    of: (tax: Tax | LineTax) =>
      tax.exemption
        ? `${tax.type} ${t('tickets.ticket.exempt', { code: tax.exemption })}`
        : tax.notSubject
          ? `${tax.type} ${t('tickets.ticket.notSubject', { code: tax.notSubject })}`
          : `${tax.type} ${rate(tax.rate ?? '0')}`,
  };
}

function Facts({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = (key: 'reference' | 'date' | 'store' | 'total' | 'status' | 'invoice' | 'global') =>
    t(`tickets.ticket.${key}`);
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('tickets.ticket.facts')}</h2>
      <dl className="facts">
        <div>
          <dt>{f('status')}</dt>
          <dd>
            <TicketStatusBadge status={ticket.status} />
          </dd>
        </div>
        <div>
          <dt>{f('date')}</dt>
          <dd>{formatDate(saleDay(ticket), language)}</dd>
        </div>
        <div>
          <dt>{f('store')}</dt>
          <dd>{ticket.store ?? t('tickets.ticket.none')}</dd>
        </div>
        <div>
          <dt>{f('total')}</dt>
          <dd>{formatMoney(ticket.total, ticket.currency, language)}</dd>
        </div>
        {ticket.invoiceId || ticket.globalInvoiceId ? (
          <div>
            <dt>{ticket.invoiceId ? f('invoice') : f('global')}</dt>
            <dd>
              <TicketOutcome ticket={ticket} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function Taxes({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useTaxWords();
  const money = (amount: string) => formatMoney(amount, ticket.currency, language);
  return (
    <section className="card" aria-labelledby="taxes-heading">
      <h2 id="taxes-heading">{t('tickets.ticket.taxes')}</h2>
      {ticket.taxes?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('tickets.ticket.tax')}</th>
              <th scope="col" className="num">
                {t('tickets.ticket.base')}
              </th>
              <th scope="col" className="num">
                {t('tickets.ticket.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {ticket.taxes.map((tax) => (
              <tr key={`${tax.type}-${tax.rate}-${tax.exemption ?? ''}-${tax.notSubject ?? ''}`}>
                <td>{words.of(tax)}</td>
                <td className="num">{money(tax.base)}</td>
                <td className="num">{money(tax.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('tickets.ticket.noTaxes')}</p>
      )}
    </section>
  );
}

function Lines({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const words = useTaxWords();
  if (!ticket.lines?.length) return null;
  return (
    <section className="card" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('tickets.ticket.lines')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('tickets.ticket.description')}</th>
            <th scope="col" className="num">
              {t('tickets.ticket.quantity')}
            </th>
            <th scope="col" className="num">
              {t('tickets.ticket.unitPrice')}
            </th>
            <th scope="col" className="wide-only">
              {t('tickets.ticket.lineTaxes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ticket.lines.map((line, i) => (
            // Lines have no id; their order is the ticket's.
            // biome-ignore lint/suspicious/noArrayIndexKey: the ticket's lines never reorder
            <tr key={i}>
              <td>
                {line.description}
                {line.discountRate ? (
                  <span className="hint">
                    {' '}
                    ({t('tickets.ticket.discount')} {words.rate(line.discountRate)})
                  </span>
                ) : null}
              </td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatMoney(line.unitPrice, ticket.currency, language)}</td>
              <td className="wide-only">{line.taxes.map(words.of).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A late request (pending, or declined with its reason). */
function Request({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const taxId = useTaxIdLabel();
  const request = ticket.lateRequest ?? ticket.declinedLateRequest;
  if (!request) return null;
  const declined = !ticket.lateRequest ? ticket.declinedLateRequest : undefined;
  return (
    <section className="card" aria-labelledby="request-heading">
      <h2 id="request-heading">
        {declined ? t('tickets.ticket.declinedRequest') : t('tickets.ticket.lateRequest')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('tickets.late.buyer')}</dt>
          <dd>
            {request.buyer.name}{' '}
            <span className="mono">
              {taxId} {request.buyer.taxId}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('tickets.late.email')}</dt>
          <dd>{request.email}</dd>
        </div>
        <div>
          <dt>{t('tickets.late.requestedAt')}</dt>
          <dd>{formatDate(request.requestedAt, language)}</dd>
        </div>
        {declined ? (
          <>
            <div>
              <dt>{t('tickets.ticket.declinedAt')}</dt>
              <dd>{formatDate(declined.declinedAt, language)}</dd>
            </div>
            <div>
              <dt>{t('tickets.ticket.reason')}</dt>
              <dd>{declined.reason}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {declined ? null : (
        <p>
          <Link to="/tickets/late-requests">{t('tickets.tabs.lateRequests')}</Link>
        </p>
      )}
    </section>
  );
}

/** One ticket: what it was (taxes, lines), where it stands, and what its buyer asked. */
export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  const title = ticket.data
    ? `${t('tickets.columns.reference')} ${ticket.data.reference}`
    : t('tickets.title');
  return (
    <Page
      title={title}
      actions={
        <Link className="button secondary" to="/tickets">
          {t('tickets.ticket.back')}
        </Link>
      }
    >
      {ticket.isPending ? (
        <Loading />
      ) : ticket.isError ? (
        ticket.error instanceof ApiError && ticket.error.status === 404 ? (
          <EmptyState>{t('tickets.ticket.notFound')}</EmptyState>
        ) : (
          <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
        )
      ) : (
        <div className="ticket-view">
          <Facts ticket={ticket.data} />
          <Request ticket={ticket.data} />
          <Taxes ticket={ticket.data} />
          <Lines ticket={ticket.data} />
        </div>
      )}
    </Page>
  );
}
