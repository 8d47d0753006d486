import { Form, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { useCustomers } from './queries.ts';

export function CustomersListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { state } = useLocation() as { state: { created?: string; saved?: boolean } | null };
  const taxId = params.get('taxId') ?? undefined;
  const list = useCustomers(taxId);
  const customers = list.data?.pages.flatMap((p) => p.items) ?? [];

  const search = (value: string) => {
    const next = new URLSearchParams(params);
    // The API normalises it (case, spaces, separators) as it stores tax ids.
    const wanted = value.trim();
    if (wanted) next.set('taxId', wanted);
    else next.delete('taxId');
    setParams(next);
  };

  return (
    <Page
      title={t('customers.title')}
      actions={
        <Link className="button primary" to="/customers/new">
          {t('customers.new')}
        </Link>
      }
    >
      <p className="notice" role="status">
        {state?.created
          ? t('customers.created', { name: state.created })
          : state?.saved
            ? t('customers.saved')
            : null}
      </p>
      <Form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search(String(new FormData(e.currentTarget).get('taxId') ?? ''));
        }}
      >
        <SearchField
          className="field"
          name="taxId"
          defaultValue={taxId ?? ''}
          onClear={() => search('')}
        >
          <Label>{t('customers.search')}</Label>
          <Input className="input" />
          <Text slot="description">{t('customers.searchHint')}</Text>
        </SearchField>
      </Form>
      <QueryState
        query={list}
        isEmpty={() => customers.length === 0}
        empty={taxId ? t('customers.noMatch') : t('customers.empty')}
        emptyAction={
          taxId ? null : (
            <Link className="button secondary" to="/customers/new">
              {t('customers.createFirst')}
            </Link>
          )
        }
      >
        {() => (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('customers.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('customers.columns.name')}</th>
                  <th scope="col">{t('customers.columns.taxId')}</th>
                  <th scope="col" className="wide-only">
                    {t('customers.columns.city')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('customers.columns.email')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {customers.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                    </td>
                    <td className="mono">{c.taxId}</td>
                    <td className="wide-only">{c.address.city}</td>
                    <td className="wide-only">{c.email ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('customers.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
