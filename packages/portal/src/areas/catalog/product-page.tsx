import { ProductInput, ProductPatch } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { TextInput } from '../../ui/fields.tsx';
import { indexedToArrays, renameProblemPaths } from '../../ui/ops-body.ts';
import { InputField } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { catalogPrice, DeleteCatalogItem, refreshCatalog } from './catalog-parts.tsx';
import { type Product, useProduct } from './queries.ts';

const FIELDS = ['code', 'description', 'unitPrice', 'unit', 'taxes.0.type', 'taxes.0.rate', 'irpf'];

/** The main tax and an optional IRPF withholding, as the API's `taxes` array. */
function withTaxes(raw: Record<string, unknown>) {
  const { irpf, ...rest } = raw;
  // biome-ignore lint/suspicious/noExplicitAny: a body being shaped before zod checks it
  const body = indexedToArrays(rest) as Record<string, any>;
  if (typeof irpf === 'string') body.taxes = [...(body.taxes ?? []), { type: 'IRPF', rate: irpf }];
  return body;
}
/** The API's `taxes.1` is the IRPF field when one was given. */
const toTaxFields = (path: string) =>
  path.startsWith('taxes.1') ? 'irpf' : path === 'taxes' ? 'taxes.0.rate' : path;

function ProductForm({ product, etag }: { product?: Product; etag?: string | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const form = useApiForm({
    schema: product ? ProductPatch : ProductInput,
    fields: FIELDS,
    prepare: withTaxes,
    submit: async (body) => {
      try {
        if (product) {
          unwrap(
            await api.PATCH('/v1/products/{id}', {
              params: { path: { id: product.id } },
              body,
              ...(etag ? { headers: { 'if-match': etag } } : {}),
            }),
          );
          await refreshCatalog(queries);
          navigate('/catalog', { state: { saved: true } });
        } else {
          const created = unwrap(
            await api.POST('/v1/products', { body: body as z.output<typeof ProductInput> }),
          );
          await refreshCatalog(queries);
          navigate('/catalog', { state: { created: created.code } });
        }
      } catch (error) {
        throw renameProblemPaths(error, toTaxFields);
      }
    },
  });
  const main = product?.taxes.find((x) => x.type !== 'IRPF');
  const irpf = product?.taxes.find((x) => x.type === 'IRPF');
  return (
    <ApiForm form={form}>
      <TextInput
        name="code"
        label={t('catalog.product.fields.code')}
        description={t('catalog.product.fields.codeHint')}
        isRequired
        className="short"
        defaultValue={product?.code}
      />
      <TextInput
        name="description"
        label={t('catalog.product.fields.description')}
        isRequired
        defaultValue={product?.description}
      />
      <div className="field-row">
        <InputField
          name="unitPrice"
          label={t('catalog.product.fields.unitPrice')}
          inputMode="decimal"
          isRequired
          defaultValue={product?.unitPrice}
        />
        <InputField
          name="unit"
          label={t('catalog.product.fields.unit')}
          description={t('catalog.product.fields.unitHint')}
          defaultValue={product?.unit}
        />
      </div>
      <ChoiceField
        name="taxes.0.type"
        label={t('catalog.product.fields.taxType')}
        defaultValue={main?.type ?? 'IVA'}
        options={[
          { id: 'IVA', label: 'IVA' },
          { id: 'IGIC', label: 'IGIC' },
        ]}
      />
      <div className="field-row">
        <InputField
          name="taxes.0.rate"
          label={t('catalog.product.fields.taxRate')}
          inputMode="decimal"
          isRequired
          defaultValue={main?.rate ?? '21'}
        />
        <InputField
          name="irpf"
          label={t('catalog.product.fields.irpf')}
          description={t('catalog.product.fields.irpfHint')}
          inputMode="decimal"
          defaultValue={irpf?.rate}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" className="button primary" isPending={form.pending}>
          {form.pending ? t('form.saving') : t('form.save')}
        </Button>
        <Link className="button secondary" to="/catalog">
          {t('form.cancel')}
        </Link>
      </div>
    </ApiForm>
  );
}

export function NewProductPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('catalog.product.new')}>
      <section className="card">
        <ProductForm />
      </section>
    </Page>
  );
}

export function EditProductPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const { id = '' } = useParams();
  const one = useProduct(id);
  const canChange = useCan('PATCH /v1/products/{id}');
  const canDelete = useCan('DELETE /v1/products/{id}');
  return (
    <Page title={one.data ? one.data.product.description : t('catalog.product.edit')}>
      <QueryState query={one}>
        {({ product, etag }) => (
          <>
            <section className="card">
              {canChange ? (
                <ProductForm product={product} etag={etag} />
              ) : (
                <>
                  <p className="mono">{product.code}</p>
                  <p>{catalogPrice(product, language)}</p>
                </>
              )}
            </section>
            {canDelete ? (
              <DeleteCatalogItem
                id={product.id}
                list="products"
                backTo="/catalog"
                remove={async () =>
                  unwrap(
                    await api.DELETE('/v1/products/{id}', { params: { path: { id: product.id } } }),
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
