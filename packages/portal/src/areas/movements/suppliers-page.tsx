import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useSuppliers } from './queries.ts';

/**
 * The businesses the recipient is a customer of. With deposits at only one of them, its
 * invoicing page is where the recipient wants to be: it goes there at once.
 */
export function SuppliersPage() {
  const { t } = useTranslation();
  const suppliers = useSuppliers();
  const withDeposits = suppliers.data?.filter((s) => s.hasDeposits) ?? [];
  if (withDeposits.length === 1 && suppliers.data?.length === 1) {
    return <Navigate to={`/movements/${encodeURIComponent(withDeposits[0]!.tenantId)}`} replace />;
  }
  return (
    <Page title={t('movements.title')}>
      <p className="lead">{t('movements.lead')}</p>
      <QueryState
        query={suppliers}
        isEmpty={(list) => list.length === 0}
        empty={t('movements.noSuppliers')}
      >
        {(list) => (
          <ul className="supplier-list">
            {list.map((s) => (
              <li key={s.tenantId} className="card">
                <Link to={`/movements/${encodeURIComponent(s.tenantId)}`}>{s.name}</Link>
                <span className="mono">{s.taxId}</span>
                <span>
                  {s.hasDeposits ? t('movements.hasDeposits') : t('movements.noDeposits')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Page>
  );
}
