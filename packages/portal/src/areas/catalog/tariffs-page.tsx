import { TariffInput } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { allOf, QueryState } from '../../ui/query-state.tsx';
import { CatalogListPage, DeleteCatalogItem, refreshCatalog } from './catalog-parts.tsx';
import { PriceTable } from './price-table.tsx';
import { onProductField, PricesByProduct, priceFields, toEntries } from './prices.ts';
import { type Product, type Tariff, useProducts, useTariff, useTariffs } from './queries.ts';

const TariffForm = z.object({ name: TariffInput.shape.name, prices: PricesByProduct }).strict();

export function TariffsPage() {
  const { t } = useTranslation();
  const tariffs = useTariffs();
  const canCreate = useCan('POST /v1/tariffs');
  return (
    <CatalogListPage
      title={t('catalog.tariffs')}
      create={canCreate ? { to: '/catalog/tariffs/new', label: t('catalog.tariff.new') } : null}
      created={(name) => t('catalog.tariff.created', { name })}
    >
      <QueryState
        query={tariffs}
        isEmpty={(list) => list.length === 0}
        empty={t('catalog.tariff.empty')}
      >
        {(list) => (
          <table className="table">
            <caption className="visually-hidden">{t('catalog.tariffs')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('catalog.tariff.columns.name')}</th>
                <th scope="col">{t('catalog.tariff.columns.prices')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((tariff) => (
                <tr key={tariff.id}>
                  <td>
                    <Link to={`/catalog/tariffs/${encodeURIComponent(tariff.id)}`}>
                      {tariff.name}
                    </Link>
                  </td>
                  <td>{tariff.prices.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </CatalogListPage>
  );
}

function TariffEditor({
  tariff,
  etag,
  products,
}: {
  tariff?: Tariff | undefined;
  etag?: string | undefined;
  products: Product[];
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const canSave = useCan(tariff ? 'PATCH /v1/tariffs/{id}' : 'POST /v1/tariffs');
  const form = useApiForm({
    schema: TariffForm,
    fields: ['name', ...priceFields(products)],
    submit: async ({ name, prices }) => {
      const body = { name, prices: toEntries(prices) };
      try {
        if (tariff) {
          unwrap(
            await api.PATCH('/v1/tariffs/{id}', {
              params: { path: { id: tariff.id } },
              body,
              ...(etag ? { headers: { 'if-match': etag } } : {}),
            }),
          );
        } else {
          unwrap(await api.POST('/v1/tariffs', { body }));
        }
      } catch (error) {
        throw onProductField(error, body.prices);
      }
      await refreshCatalog(queries);
      navigate('/catalog/tariffs', { state: tariff ? { saved: true } : { created: name } });
    },
  });
  return (
    <ApiForm form={form}>
      <TextInput
        name="name"
        label={t('catalog.tariff.name')}
        isRequired
        defaultValue={tariff?.name}
      />
      <PriceTable products={products} prices={tariff?.prices ?? []} />
      <div className="form-actions">
        {canSave ? (
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
        ) : null}
        <Link className="button secondary" to="/catalog/tariffs">
          {t('form.cancel')}
        </Link>
      </div>
    </ApiForm>
  );
}

export function NewTariffPage() {
  const { t } = useTranslation();
  const products = useProducts();
  return (
    <Page title={t('catalog.tariff.new')}>
      <section className="card">
        <QueryState query={products}>{(list) => <TariffEditor products={list} />}</QueryState>
      </section>
    </Page>
  );
}

export function EditTariffPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { id = '' } = useParams();
  const one = useTariff(id);
  const products = useProducts();
  const canDelete = useCan('DELETE /v1/tariffs/{id}');
  return (
    <Page title={one.data ? one.data.tariff.name : t('catalog.tariff.edit')}>
      <QueryState query={allOf(one, products)}>
        {([{ tariff, etag }, list]) => (
          <>
            <section className="card">
              <TariffEditor tariff={tariff} etag={etag} products={list} />
            </section>
            {canDelete ? (
              <DeleteCatalogItem
                id={tariff.id}
                list="tariffs"
                backTo="/catalog/tariffs"
                remove={async () =>
                  unwrap(
                    await api.DELETE('/v1/tariffs/{id}', { params: { path: { id: tariff.id } } }),
                  )
                }
              />
            ) : null}
          </>
        )}
      </QueryState>
    </Page>
  );
}
