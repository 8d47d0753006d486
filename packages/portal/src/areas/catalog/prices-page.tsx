import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { Page } from '../../ui/page.tsx';
import { allOf, QueryState } from '../../ui/query-state.tsx';
import { useAllCustomers } from '../tasks/queries.ts';
import { PriceTable } from './price-table.tsx';
import { onProductField, PricesByProduct, priceFields, toEntries } from './prices.ts';
import { CATALOG, type Product, useCustomerPrices, useProducts } from './queries.ts';
import { CatalogSections } from './sections.tsx';

const PricesForm = z.object({ prices: PricesByProduct }).strict();

/** Whose prices: the customers, each a link to its prices. */
export function CustomerPricesPage() {
  const { t } = useTranslation();
  const customers = useAllCustomers();
  return (
    <Page title={t('catalog.prices')}>
      <CatalogSections />
      <p>{t('catalog.customerPrices.intro')}</p>
      <QueryState
        query={customers}
        isEmpty={(list) => list.length === 0}
        empty={t('catalog.customerPrices.noCustomers')}
      >
        {(list) => (
          <section className="card" aria-labelledby="pick-customer">
            <h2 id="pick-customer">{t('catalog.customerPrices.pick')}</h2>
            <ul className="link-list">
              {list.map((c) => (
                <li key={c.id}>
                  <Link to={`/catalog/prices/${encodeURIComponent(c.id)}`}>{c.name}</Link>{' '}
                  <span className="mono muted">{c.taxId}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </QueryState>
    </Page>
  );
}

function PricesEditor({
  customerId,
  products,
  prices,
}: {
  customerId: string;
  products: Product[];
  prices: { productId: string; unitPrice: string }[];
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const canSave = useCan('PUT /v1/customers/{id}/prices');
  const [saved, setSaved] = useState(false);
  const form = useApiForm({
    schema: PricesForm,
    fields: priceFields(products),
    submit: async ({ prices: byProduct }) => {
      const body = { prices: toEntries(byProduct) };
      try {
        unwrap(
          await api.PUT('/v1/customers/{id}/prices', {
            params: { path: { id: customerId } },
            body,
          }),
        );
      } catch (error) {
        throw onProductField(error, body.prices);
      }
      await queries.invalidateQueries({ queryKey: CATALOG });
      setSaved(true);
    },
  });
  return (
    <ApiForm form={form}>
      <PriceTable products={products} prices={prices} />
      <p className="notice" role="status">
        {saved ? t('catalog.customerPrices.updated') : null}
      </p>
      <div className="form-actions">
        {canSave ? (
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
        ) : null}
        <Link className="button secondary" to="/catalog/prices">
          {t('form.cancel')}
        </Link>
      </div>
    </ApiForm>
  );
}

export function CustomerPricesEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customers = useAllCustomers();
  const products = useProducts();
  const prices = useCustomerPrices(id);
  const customer = customers.data?.find((c) => c.id === id);
  return (
    <Page
      title={
        customer ? t('catalog.customerPrices.title', { name: customer.name }) : t('catalog.prices')
      }
    >
      <section className="card">
        <QueryState query={allOf(prices, products)}>
          {([current, list]) => (
            <PricesEditor customerId={id} products={list} prices={current.prices} />
          )}
        </QueryState>
      </section>
    </Page>
  );
}
