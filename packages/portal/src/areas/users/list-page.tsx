import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useMembers } from './queries.ts';

export function UsersListPage() {
  const { t } = useTranslation();
  const members = useMembers();
  const canInvite = useCan('POST /v1/users');
  const { state } = useLocation() as {
    state: { invited?: string; removed?: string; saved?: boolean } | null;
  };
  return (
    <Page
      title={t('users.title')}
      actions={
        canInvite ? (
          <Link className="button primary" to="/users/invite">
            {t('users.invite')}
          </Link>
        ) : null
      }
    >
      <p className="notice" role="status">
        {state?.invited
          ? t('users.invited', { email: state.invited })
          : state?.removed
            ? t('users.removed', { email: state.removed })
            : state?.saved
              ? t('users.saved')
              : null}
      </p>
      <QueryState query={members} isEmpty={(list) => list.length === 0} empty={t('users.empty')}>
        {(list) => (
          <table className="table">
            <caption className="visually-hidden">{t('users.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.columns.email')}</th>
                <th scope="col" className="wide-only">
                  {t('users.columns.name')}
                </th>
                <th scope="col">{t('users.columns.role')}</th>
                <th scope="col">{t('users.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/users/${encodeURIComponent(m.id)}`}>{m.email}</Link>
                  </td>
                  <td className="wide-only">{m.name ?? ''}</td>
                  <td className="keep-words">{t(`users.roles.${m.role}`)}</td>
                  <td>
                    <span className={`badge ${m.status}`}>{t(`users.status.${m.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </Page>
  );
}
