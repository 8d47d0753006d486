import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { useTasks } from './queries.ts';
import { useDateTime } from './when.ts';

export function TasksListPage() {
  const { t } = useTranslation();
  const list = useTasks();
  const canCreate = useCan('POST /v1/tasks');
  const when = useDateTime();
  const { state } = useLocation() as { state: { deleted?: boolean } | null };
  const tasks = list.data?.pages.flatMap((p) => p.items) ?? [];
  const create = canCreate ? (
    <Link className="button primary" to="/tasks/new">
      {t('tasks.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('tasks.title')} actions={create}>
      <p className="notice" role="status">
        {state?.deleted ? t('tasks.deleted') : null}
      </p>
      <QueryState
        query={list}
        isEmpty={() => tasks.length === 0}
        empty={t('tasks.empty')}
        emptyAction={
          canCreate ? (
            <Link className="button secondary" to="/tasks/new">
              {t('tasks.createFirst')}
            </Link>
          ) : null
        }
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('tasks.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('tasks.columns.name')}</th>
                  <th scope="col" className="wide-only">
                    {t('tasks.columns.type')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('tasks.columns.customers')}
                  </th>
                  <th scope="col">{t('tasks.columns.next')}</th>
                  <th scope="col">{t('tasks.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => (
                  <tr key={task.id}>
                    <td>
                      <Link to={`/tasks/${encodeURIComponent(task.id)}`}>{task.name}</Link>
                    </td>
                    <td className="wide-only">{t(`tasks.type.${task.documentType}`)}</td>
                    <td className="wide-only">{task.customerCount}</td>
                    <td>
                      {task.schedule.next[0]
                        ? when(task.schedule.next[0], task.schedule.timezone)
                        : t('tasks.none')}
                    </td>
                    <td>
                      <span className={`badge ${task.status}`}>
                        {t(`tasks.status.${task.status}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('tasks.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
