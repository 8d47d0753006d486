import { TariffInput } from '@sello/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { FormAlert, TextInput } from '../../ui/fields.tsx';
import { ConfirmButton } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { EmptyState, ErrorState, Loading, useErrorMessage } from '../../ui/states.tsx';
import { PriceTable } from './price-table.tsx';
import { onProductField, PricesByProduct, priceFields, toEntries } from './prices.ts';
import {
  CATALOG,
  type Product,
  type Tariff,
  useProducts,
  useTariff,
  useTariffs,
} from './queries.ts';
import { CatalogSections } from './sections.tsx';

const TariffForm = z.object({ name: TariffInput.shape.name, prices: PricesByProduct }).strict();

const refresh = (queries: QueryClient) =>
  queries.invalidateQueries({ queryKey: CATALOG, refetchType: 'all' });

export function TariffsPage() {
  const { t } = useTranslation();
  const tariffs = useTariffs();
  const canCreate = useCan('POST /v1/tariffs');
  const { state } = useLocation() as {
    state: { created?: string; saved?: boolean; deleted?: boolean } | null;
  };
  return (
    <Page
      title={t('catalog.tariffs')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/catalog/tariffs/new">
            {t('catalog.tariff.new')}
          </Link>
        ) : null
      }
    >
      <CatalogSections />
      <p className="notice" role="status">
        {state?.created
          ? t('catalog.tariff.created', { name: state.created })
          : state?.saved
            ? t('catalog.saved')
            : state?.deleted
              ? t('catalog.deleted')
              : null}
      </p>
      {tariffs.isPending ? (
        <Loading />
      ) : tariffs.isError ? (
        <ErrorState error={tariffs.error} onRetry={() => void tariffs.refetch()} />
      ) : tariffs.data.length === 0 ? (
        <EmptyState>{t('catalog.tariff.empty')}</EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('catalog.tariffs')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.tariff.columns.name')}</th>
              <th scope="col">{t('catalog.tariff.columns.prices')}</th>
            </tr>
          </thead>
          <tbody>
            {tariffs.data.map((tariff) => (
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
    </Page>
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
      await refresh(queries);
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
        {products.isPending ? (
          <Loading />
        ) : products.isError ? (
          <ErrorState error={products.error} onRetry={() => void products.refetch()} />
        ) : (
          <TariffEditor products={products.data} />
        )}
      </section>
    </Page>
  );
}

function DeleteTariff({ tariff }: { tariff: Tariff }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/v1/tariffs/{id}', { params: { path: { id: tariff.id } } })),
    onSuccess: () => {
      queries.setQueryData<Tariff[]>([...CATALOG, 'tariffs'], (all) =>
        all?.filter((x) => x.id !== tariff.id),
      );
      navigate('/catalog/tariffs', { state: { deleted: true } });
      // Once its page is gone, what was read of it goes (fetched again it would answer 404).
      queries.removeQueries({ predicate: (q) => q.queryKey.includes(tariff.id) });
      void refresh(queries);
    },
  });
  return (
    <section className="card">
      {remove.isError ? <FormAlert messages={[message(remove.error)]} /> : null}
      <ConfirmButton
        label={t('catalog.delete')}
        confirmLabel={t('catalog.confirmDelete')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </section>
  );
}

export function EditTariffPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useTariff(id);
  const products = useProducts();
  const canDelete = useCan('DELETE /v1/tariffs/{id}');
  const failed = one.error ?? products.error;
  return (
    <Page title={one.data ? one.data.tariff.name : t('catalog.tariff.edit')}>
      {one.isPending || products.isPending ? (
        <Loading />
      ) : failed ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            void one.refetch();
            void products.refetch();
          }}
        />
      ) : one.data && products.data ? (
        <>
          <section className="card">
            <TariffEditor tariff={one.data.tariff} etag={one.data.etag} products={products.data} />
          </section>
          {canDelete ? <DeleteTariff tariff={one.data.tariff} /> : null}
        </>
      ) : null}
    </Page>
  );
}
