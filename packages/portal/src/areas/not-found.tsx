import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { Page } from '../ui/page.tsx';
import { EmptyState, ErrorState } from '../ui/states.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('states.notFound')}>
      <EmptyState action={<Link to="/">{t('states.backHome')}</Link>}>
        {t('states.notFound')}
      </EmptyState>
    </Page>
  );
}

/** What a page that threw (or whose code failed to load) shows instead. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Page title={t('states.error')}>
      <ErrorState error={error} onRetry={() => location.reload()} />
    </Page>
  );
}
