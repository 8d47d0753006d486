import { depositTotals } from '@sello/core/deposits';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../i18n/format.ts';
import type { Language } from '../../i18n/language.ts';
import type { PortalDeposit, Treatment } from './queries.ts';

/** The performance mark set each time the card shows new figures (the e2e test measures it). */
export const CARD_MARK = 'sello:total-card';

/**
 * Count, net, tax and total of the ticked deposits, computed here with `depositTotals`, the very
 * function the API drafts the invoice with, over the treatment the API listed them with: what
 * the card says is what the invoice will say, with no request per tick.
 */
export function TotalCard({
  selected,
  treatment,
  jurisdiction,
  language,
}: {
  selected: PortalDeposit[];
  treatment: Treatment;
  jurisdiction: 'ES' | 'MX';
  language: Language;
}) {
  const { t } = useTranslation();
  const totals = useMemo(
    () => depositTotals(selected, treatment, jurisdiction),
    [selected, treatment, jurisdiction],
  );
  useEffect(() => {
    performance.mark(CARD_MARK, { detail: totals.count });
  }, [totals]);
  const money = (amount: string) => formatMoney(amount, totals.currency, language);
  return (
    <section className="card total-card" aria-labelledby="total-card-title" data-total-card>
      <h2 id="total-card-title">{t('movements.card.title')}</h2>
      {/* Announced as it changes, politely: a screen reader hears the new total after a tick. */}
      <div role="status" aria-live="polite">
        <dl>
          <div>
            <dt>{t('movements.card.count')}</dt>
            <dd data-figure="count">{totals.count}</dd>
          </div>
          <div>
            <dt>{t('movements.card.net')}</dt>
            <dd data-figure="net">{money(totals.net)}</dd>
          </div>
          <div>
            <dt>{t('movements.card.tax')}</dt>
            <dd data-figure="tax">{money(totals.tax)}</dd>
          </div>
          <div className="total-card-total">
            <dt>{t('movements.card.total')}</dt>
            <dd data-figure="total">{money(totals.total)}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
