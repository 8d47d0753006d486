import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import type { Deposit } from './queries.ts';

/** Deposits as a table: payment day, customer (when several), reference, amount, status. */
export function DepositTable({
  deposits,
  caption,
  customerName,
}: {
  deposits: Deposit[];
  caption: string;
  /** Shows the customer column, with the name of each id (the id when unknown). */
  customerName?: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  return (
    <table className="table deposits-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('deposits.columns.date')}</th>
          {customerName ? (
            <th scope="col" className="wide-only">
              {t('deposits.columns.customer')}
            </th>
          ) : null}
          <th scope="col" className="wide-only">
            {t('deposits.columns.reference')}
          </th>
          <th scope="col" className="wide-only">
            {t('deposits.columns.method')}
          </th>
          <th scope="col" className="amount">
            {t('deposits.columns.amount')}
          </th>
          <th scope="col" className="wide-only">
            {t('deposits.columns.status')}
          </th>
        </tr>
      </thead>
      <tbody>
        {deposits.map((d) => (
          <tr key={d.id}>
            <td>
              {formatDate(d.date, language)}
              {/* Narrow screens keep two columns: when, what and whose; how much and its status. */}
              <span className="deposits-narrow mono">{d.reference}</span>
              {customerName ? (
                <Link
                  className="deposits-narrow"
                  to={`/customers/${encodeURIComponent(d.customerId)}`}
                >
                  {customerName(d.customerId)}
                </Link>
              ) : null}
            </td>
            {customerName ? (
              <td className="wide-only">
                <Link to={`/customers/${encodeURIComponent(d.customerId)}`}>
                  {customerName(d.customerId)}
                </Link>
              </td>
            ) : null}
            <td className="wide-only mono">{d.reference}</td>
            <td className="wide-only">{t(`deposits.methods.${d.method}`)}</td>
            <td className="amount">
              {formatMoney(d.amount, d.currency, language)}
              <span className="deposits-narrow">
                <Status deposit={d} />
              </span>
            </td>
            <td className="wide-only">
              <Status deposit={d} />
              {d.invoiceId ? (
                <>
                  {' '}
                  <Link to={`/invoices/${encodeURIComponent(d.invoiceId)}`}>
                    {t('deposits.invoice')}
                  </Link>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Status({ deposit }: { deposit: Deposit }) {
  const { t } = useTranslation();
  return (
    <span className={`badge deposit-${deposit.status}`}>
      {t(`deposits.statuses.${deposit.status}`)}
    </span>
  );
}
