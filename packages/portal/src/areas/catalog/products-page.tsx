import { Form, Input, Label, SearchField, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { isLanguage } from '../../i18n/language.ts';
import { QueryState } from '../../ui/query-state.tsx';
import { CatalogListPage, catalogPrice, useCatalogCurrency } from './catalog-parts.tsx';
import { useProducts } from './queries.ts';

/** How a product's taxes read: `IVA 21 % · IRPF 15 %`. */
export const taxesText = (taxes: { type: string; rate: string }[]) =>
  taxes.map((t) => `${t.type} ${t.rate} %`).join(' · ');

export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const products = useProducts();
  const currency = useCatalogCurrency();
  const canCreate = useCan('POST /v1/products');
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
    <CatalogListPage
      title={t('catalog.title')}
      create={canCreate ? { to: '/catalog/products/new', label: t('catalog.product.new') } : null}
      created={(code) => t('catalog.product.created', { code })}
    >
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
      <QueryState
        query={products}
        isEmpty={() => shown.length === 0}
        empty={wanted ? t('catalog.product.noMatch') : t('catalog.product.empty')}
        emptyAction={
          wanted || !canCreate ? null : (
            <Link className="button secondary" to="/catalog/products/new">
              {t('catalog.product.createFirst')}
            </Link>
          )
        }
      >
        {() => (
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
                  <td className="amount">{catalogPrice(p, language, currency)}</td>
                  <td className="wide-only">{taxesText(p.taxes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </CatalogListPage>
  );
}
