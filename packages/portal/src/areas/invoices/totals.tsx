import { useTranslation } from 'react-i18next';
import { formatMoney, isLanguage, type Language, LOCALES } from '../../i18n/index.ts';
import type { Invoice } from './queries.ts';

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : 'es';
}

/**
 * An amount with its currency's narrow sign ($ for pesos, as Mexico writes them), for the
 * columns of a table: a code such as MXN is wider than € and a phone has no room for it. The
 * totals say the code.
 */
export const narrowMoney = (amount: string, currency: string, language: Language) =>
  currency === 'EUR'
    ? formatMoney(amount, currency, language)
    : new Intl.NumberFormat(LOCALES[language], {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        useGrouping: 'always',
      }).format(amount as Intl.StringNumericLiteral);

/** The invoice's totals and tax breakdown exactly as the API computed them. */
export function InvoiceTotals({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const money = (amount: string) => formatMoney(amount, invoice.currency, language);
  const rate = (value: string) => `${value.replace('.', language === 'en' ? '.' : ',')} %`;
  return (
    <div className="invoice-totals">
      {invoice.taxBreakdown.length > 0 ? (
        <table className="table compact-table">
          <caption>{t('invoices.view.breakdown')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('invoices.view.taxes')}</th>
              <th scope="col" className="num">
                {t('invoices.view.base')}
              </th>
              <th scope="col" className="num">
                {t('invoices.view.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.taxBreakdown.map((b) => (
              <tr key={`${b.type}-${b.rate}-${b.exemption ?? b.notSubject ?? ''}`}>
                <td>
                  {b.type} {rate(b.rate)}
                  {(b.exemption ?? b.notSubject) ? ` (${b.exemption ?? b.notSubject})` : ''}
                  {b.withheld ? ` · ${t('invoices.view.withheld')}` : ''}
                </td>
                <td className="num">{narrowMoney(b.base, invoice.currency, language)}</td>
                <td className="num">{narrowMoney(b.amount, invoice.currency, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <dl className="totals" data-totals="">
        <div>
          <dt>{t('invoices.totals.net')}</dt>
          <dd data-total="net">{money(invoice.totals.net)}</dd>
        </div>
        <div>
          <dt>{t('invoices.totals.tax')}</dt>
          <dd data-total="tax">{money(invoice.totals.tax)}</dd>
        </div>
        {invoice.totals.withheld !== '0.00' ? (
          <div>
            <dt>{t('invoices.totals.withheld')}</dt>
            <dd data-total="withheld">−{money(invoice.totals.withheld)}</dd>
          </div>
        ) : null}
        <div className="grand-total">
          <dt>{t('invoices.totals.total')}</dt>
          <dd data-total="total">{money(invoice.totals.total)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** The invoice's status, in words. */
export function StatusBadge({ status }: { status: Invoice['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge status-${status}`}>
      {t(`invoices.status.${status}` as 'invoices.status.draft')}
    </span>
  );
}
