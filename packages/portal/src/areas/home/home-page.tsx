import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useSession } from '../../auth/index.ts';
import { Page } from '../../ui/page.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';

/** A placeholder start page: whose company this is, and the way to what exists so far. */
export function HomePage() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useSession();
  const tenant = useQuery({
    queryKey: ['tenant'],
    queryFn: async () => unwrap(await api.GET('/v1/tenant')),
  });
  const name = session.status === 'staff' ? session.user.email : undefined;
  return (
    <Page title={t('home.title')}>
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <section className="card">
          {name ? <p className="lead">{t('home.welcome', { name })}</p> : null}
          <p>
            <strong>{tenant.data.name}</strong> · {tenant.data.taxId}
          </p>
          <p>{t('home.intro')}</p>
          <p>
            <Link to="/customers">{t('home.customersLink')}</Link>
          </p>
        </section>
      )}
    </Page>
  );
}
