import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { DepositTable } from './deposit-table.tsx';
import { useDeposits } from './queries.ts';

/** A customer's deposits, newest payment first: a section of the customer's page. */
export function CustomerDeposits({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const list = useDeposits({ customerId }, 20);
  const deposits = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="customer-deposits">
      <h2 id="customer-deposits">{t('deposits.ofCustomer')}</h2>
      <QueryState
        query={list}
        isEmpty={() => deposits.length === 0}
        empty={t('deposits.noneForCustomer')}
      >
        {() => (
          <>
            <DepositTable deposits={deposits} caption={t('deposits.ofCustomer')} />
            <LoadMore query={list} label={t('deposits.more')} />
            <p>
              <Link to={`/deposits?customerId=${encodeURIComponent(customerId)}`}>
                {t('deposits.filterByCustomer')}
              </Link>
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
