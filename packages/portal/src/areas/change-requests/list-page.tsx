import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../i18n/index.ts';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useLanguage } from '../invoices/totals.tsx';
import { RequestStatusBadge, useActorLabel } from './parts.tsx';
import { type ChangeRequestStatus, STATUSES, useChangeRequests } from './queries.ts';

/** The status shown, from the URL (`?status=`), open by default: the queue to work. */
function statusOf(params: URLSearchParams): ChangeRequestStatus {
  const status = params.get('status');
  return STATUSES.includes(status as ChangeRequestStatus)
    ? (status as ChangeRequestStatus)
    : 'open';
}

/** The change requests of one status, newest first: open ones are the support queue. */
export function ChangeRequestsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const actor = useActorLabel();
  const [params] = useSearchParams();
  const status = statusOf(params);
  const list = useChangeRequests(status);
  const requests = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('changeRequests.title')}>
      <nav aria-label={t('changeRequests.sections')} className="tab-list">
        {STATUSES.map((s) => (
          <Link
            key={s}
            className="tab"
            to={`/change-requests?status=${s}`}
            aria-current={s === status ? 'page' : undefined}
            data-selected={s === status ? '' : undefined}
          >
            {t(`changeRequests.tabs.${s}`)}
          </Link>
        ))}
      </nav>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : requests.length === 0 ? (
        <EmptyState>{t('changeRequests.empty')}</EmptyState>
      ) : (
        <>
          <table className="table change-requests">
            <caption className="visually-hidden">
              {t('changeRequests.title')} · {t(`changeRequests.tabs.${status}`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('changeRequests.columns.invoice')}</th>
                <th scope="col">{t('changeRequests.columns.type')}</th>
                <th scope="col" className="wide-only">
                  {t('changeRequests.columns.message')}
                </th>
                <th scope="col" className="wide-only">
                  {t('changeRequests.columns.requestedAt')}
                </th>
                <th scope="col">{t('changeRequests.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/change-requests/${encodeURIComponent(r.id)}`}>
                      {r.invoiceNumber}
                    </Link>
                  </td>
                  <td>{t(`changeRequests.types.${r.type}`)}</td>
                  <td className="wide-only request-message">{r.message}</td>
                  <td className="wide-only">
                    {formatDate(r.createdAt, language)}
                    <br />
                    <span className="hint">{actor(r.requestedBy)}</span>
                  </td>
                  <td>
                    <RequestStatusBadge status={r.status} />
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
              {t('changeRequests.more')}
            </Button>
          ) : null}
        </>
      )}
    </Page>
  );
}
