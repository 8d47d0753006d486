import { Form, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { formatMoney } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useProducts } from './queries.ts';
import { CatalogSections } from './sections.tsx';

/** How a product's taxes read: `IVA 21 % · IRPF 15 %`. */
export const taxesText = (taxes: { type: string; rate: string }[]) =>
  taxes.map((t) => `${t.type} ${t.rate} %`).join(' · ');

export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const products = useProducts();
  const canCreate = useCan('POST /v1/products');
  const { state } = useLocation() as {
    state: { created?: string; saved?: boolean; deleted?: boolean } | null;
  };
  const wanted = q.trim().toLocaleLowerCase();
  const shown = (products.data ?? []).filter(
    (p) =>
      !wanted ||
      p.code.toLocaleLowerCase().includes(wanted) ||
      p.description.toLocaleLowerCase().includes(wanted),
  );
  const search = (value: string) => {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set('q', value.trim());
    else next.delete('q');
    setParams(next);
  };
  return (
    <Page
      title={t('catalog.title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/catalog/products/new">
            {t('catalog.product.new')}
          </Link>
        ) : null
      }
    >
      <CatalogSections />
      <p className="notice" role="status">
        {state?.created
          ? t('catalog.product.created', { code: state.created })
          : state?.saved
            ? t('catalog.saved')
            : state?.deleted
              ? t('catalog.deleted')
              : null}
      </p>
      <Form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search(String(new FormData(e.currentTarget).get('q') ?? ''));
        }}
      >
        <SearchField className="field" name="q" defaultValue={q} onClear={() => search('')}>
          <Label>{t('catalog.search')}</Label>
          <Input className="input" />
          <Text slot="description">{t('catalog.searchHint')}</Text>
        </SearchField>
      </Form>
      {products.isPending ? (
        <Loading />
      ) : products.isError ? (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyState
          action={
            wanted || !canCreate ? null : (
              <Link className="button secondary" to="/catalog/products/new">
                {t('catalog.product.createFirst')}
              </Link>
            )
          }
        >
          {wanted ? t('catalog.product.noMatch') : t('catalog.product.empty')}
        </EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('catalog.products')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.product.columns.code')}</th>
              <th scope="col">{t('catalog.product.columns.description')}</th>
              <th scope="col">{t('catalog.product.columns.price')}</th>
              <th scope="col" className="wide-only">
                {t('catalog.product.columns.taxes')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id}>
                <td className="mono">
                  <Link to={`/catalog/products/${encodeURIComponent(p.id)}`}>{p.code}</Link>
                </td>
                <td>{p.description}</td>
                <td className="amount">
                  {formatMoney(p.unitPrice, 'EUR', language)}
                  {p.unit ? ` / ${p.unit}` : ''}
                </td>
                <td className="wide-only">{taxesText(p.taxes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
