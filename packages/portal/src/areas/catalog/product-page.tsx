import { ProductInput, ProductPatch } from '@sello/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type * as z from 'zod';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { isLanguage, type Language } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { indexedToArrays, renameProblemPaths } from '../../ui/ops-body.ts';
import { InputField } from '../../ui/ops-fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { Loading } from '../../ui/states.tsx';
import { decimalFromInput, decimalToInput } from '../invoices/decimal.ts';
import {
  MX_IVA,
  mexicanTaxesFromInput,
  mexicanTaxesToInput,
  NO_TAX,
  TAX_OBJECTS,
  useTenantCountry,
} from '../invoices/mexico.ts';
import {
  catalogPrice,
  DeleteCatalogItem,
  refreshCatalog,
  useCatalogCurrency,
} from './catalog-parts.tsx';
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

/** A Mexican tenant's product form: its SAT keys, and its taxes one field each. */
const MX_FIELDS = [
  'code',
  'description',
  'unitPrice',
  'unit',
  'satProductKey',
  'satUnitKey',
  'taxObject',
  'mx.iva',
  'mx.ieps',
  'mx.isr',
  'mx.ivaWithheld',
];
type Tax = Product['taxes'][number];

/** The Mexican fields (`mx.*`, rates typed in the reader's notation) as the API's `taxes`. */
function withMexicanTaxes(raw: Record<string, unknown>, language: Language) {
  const { mx, ...rest } = raw as {
    mx?: Record<string, string | undefined>;
    [field: string]: unknown;
  };
  const rate = (text: string | undefined) => (text ? decimalFromInput(text, language) : '');
  const withheld = [
    mx?.isr ? `ISR:${rate(mx.isr)}` : '',
    mx?.ivaWithheld ? `IVA:${rate(mx.ivaWithheld)}` : '',
  ];
  const taxes = mexicanTaxesToInput(
    {
      iva: mx?.iva ?? NO_TAX,
      ieps: rate(mx?.ieps),
      withholding: withheld.filter(Boolean).join('+'),
    },
    typeof rest.taxObject === 'string' ? rest.taxObject : undefined,
  );
  return { ...rest, taxes };
}

/** The field that edits the `taxes` item the API names (`taxes.2.rate` → `mx.isr`). */
const mexicanTaxField = (taxes: readonly Tax[]) => (path: string) => {
  const index = /^taxes\.(\d+)/.exec(path)?.[1];
  if (path === 'taxes') return 'mx.iva';
  if (index === undefined) return path;
  const tax = taxes[Number(index)];
  if (!tax) return 'mx.iva';
  if (tax.type === 'IEPS') return 'mx.ieps';
  if (tax.type === 'ISR') return 'mx.isr';
  return tax.withheld ? 'mx.ivaWithheld' : 'mx.iva';
};

function ProductForm({
  product,
  etag,
  mexico,
}: {
  product?: Product;
  etag?: string | undefined;
  /** A Mexican tenant's product: SAT's keys and Mexican taxes. */
  mexico: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const form = useApiForm({
    schema: product ? ProductPatch : ProductInput,
    fields: mexico ? MX_FIELDS : FIELDS,
    prepare: mexico ? (raw) => withMexicanTaxes(raw, language) : withTaxes,
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
        throw renameProblemPaths(error, mexico ? mexicanTaxField(body.taxes ?? []) : toTaxFields);
      }
    },
  });
  if (mexico) return <MexicanProductFields product={product} form={form} />;
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

function MexicanProductFields({
  product,
  form,
}: {
  product: Product | undefined;
  form: ReturnType<typeof useApiForm>;
}) {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const m = (key: string) => t(`catalog.product.mexico.${key}` as 'catalog.product.mexico.legend');
  const taxes = mexicanTaxesFromInput(product?.taxes ?? [{ type: 'IVA', rate: '16' }]);
  const [withheldIsr, withheldIva] = ['ISR', 'IVA'].map((type) =>
    taxes.withholding
      .split('+')
      .find((w) => w.startsWith(`${type}:`))
      ?.slice(4),
  );
  // Taxes are broken down only for ObjetoImp 02: the other objects carry none.
  const [taxObject, setTaxObject] = useState<string>(product?.taxObject ?? '02');
  const rate = (value: string | undefined) => (value ? decimalToInput(value, language) : undefined);
  return (
    <ApiForm form={form}>
      <div className="form">
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
            label={m('unitPrice')}
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
        <FieldGroup legend={m('legend')}>
          <p className="hint">{m('intro')}</p>
          <div className="field-row">
            <InputField
              name="satProductKey"
              label={m('satProductKey')}
              description={m('satProductKeyHint')}
              inputMode="numeric"
              defaultValue={product?.satProductKey}
            />
            <InputField
              name="satUnitKey"
              label={m('satUnitKey')}
              description={m('satUnitKeyHint')}
              defaultValue={product?.satUnitKey}
            />
          </div>
          <ChoiceField
            name="taxObject"
            label={m('taxObject')}
            defaultValue={taxObject}
            onChange={setTaxObject}
            options={TAX_OBJECTS.map((id) => ({ id, label: m(`taxObjects.${id}`) }))}
          />
        </FieldGroup>
        {taxObject === '02' ? (
          <FieldGroup legend={m('taxesLegend')}>
            <ChoiceField
              name="mx.iva"
              label={m('iva')}
              defaultValue={taxes.iva}
              options={[...MX_IVA, NO_TAX].map((id) => ({ id, label: m(`ivaOptions.${id}`) }))}
            />
            <InputField
              name="mx.ieps"
              label={m('ieps')}
              description={m('iepsHint')}
              inputMode="decimal"
              defaultValue={rate(taxes.ieps || undefined)}
            />
            <div className="field-row">
              <InputField
                name="mx.isr"
                label={m('isr')}
                description={m('isrHint')}
                inputMode="decimal"
                defaultValue={rate(withheldIsr)}
              />
              <InputField
                name="mx.ivaWithheld"
                label={m('ivaWithheld')}
                description={m('ivaWithheldHint')}
                inputMode="decimal"
                defaultValue={rate(withheldIva)}
              />
            </div>
          </FieldGroup>
        ) : null}
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
          <Link className="button secondary" to="/catalog">
            {t('form.cancel')}
          </Link>
        </div>
      </div>
    </ApiForm>
  );
}

/** The product's form once the tenant's country is known (Mexican tenants have SAT's fields). */
function ProductFormFor(props: { product?: Product; etag?: string | undefined }) {
  const { tenant, mexico } = useTenantCountry();
  if (tenant.isPending) return <Loading />;
  return <ProductForm {...props} mexico={mexico} />;
}

export function NewProductPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('catalog.product.new')}>
      <section className="card">
        <ProductFormFor />
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
  const currency = useCatalogCurrency();
  return (
    <Page title={one.data ? one.data.product.description : t('catalog.product.edit')}>
      <QueryState query={one}>
        {({ product, etag }) => (
          <>
            <section className="card">
              {canChange ? (
                <ProductFormFor product={product} etag={etag} />
              ) : (
                <>
                  <p className="mono">{product.code}</p>
                  <p>{catalogPrice(product, language, currency)}</p>
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
