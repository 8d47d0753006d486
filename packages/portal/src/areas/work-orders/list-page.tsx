import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { STATUSES, useWorkOrders, type WorkOrderStatus } from './queries.ts';

export function WorkOrdersListPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const [params] = useSearchParams();
  const asked = params.get('status');
  const status = (STATUSES as readonly string[]).includes(asked ?? '')
    ? (asked as WorkOrderStatus)
    : undefined;
  const list = useWorkOrders(status);
  const canCreate = useCan('POST /v1/work-orders');
  const { state } = useLocation() as { state: { created?: boolean } | null };
  const orders = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page
      title={t('workOrders.title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/work-orders/new">
            {t('workOrders.new')}
          </Link>
        ) : null
      }
    >
      <p className="notice" role="status">
        {state?.created ? t('workOrders.created') : null}
      </p>
      <nav className="filters" aria-label={t('workOrders.filter')}>
        <ul>
          {[undefined, ...STATUSES].map((s) => (
            <li key={s ?? 'all'}>
              <Link
                to={s ? `/work-orders?status=${s}` : '/work-orders'}
                aria-current={s === status ? 'true' : undefined}
              >
                {s ? t(`workOrders.status.${s}`) : t('workOrders.all')}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <QueryState
        query={list}
        isEmpty={() => orders.length === 0}
        empty={status ? t('workOrders.noMatch') : t('workOrders.empty')}
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('workOrders.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('workOrders.columns.customer')}</th>
                  <th scope="col">{t('workOrders.columns.status')}</th>
                  <th scope="col" className="wide-only">
                    {t('workOrders.columns.scheduledFor')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('workOrders.columns.created')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link to={`/work-orders/${encodeURIComponent(o.id)}`}>{o.customer.name}</Link>
                    </td>
                    <td>
                      <span className={`badge ${o.status}`}>
                        {t(`workOrders.status.${o.status}`)}
                      </span>
                    </td>
                    <td className="wide-only">
                      {o.scheduledFor ? formatDate(o.scheduledFor, language) : ''}
                    </td>
                    <td className="wide-only">{formatDate(o.createdAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('workOrders.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
