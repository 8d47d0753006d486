import { CustomerInput, CustomerPatch } from '@sello/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { Loading } from '../../ui/states.tsx';
import { useTenantCountry } from '../invoices/tenant-country.ts';
import type { customersMessages } from './messages.ts';
import { CUSTOMERS, type Customer, useCustomer } from './queries.ts';

// The deposits and automatic-invoicing sections load with a customer's page, not with the
// new-customer form.
const CustomerDeposits = lazy(async () => ({
  default: (await import('../deposits/customer-deposits.tsx')).CustomerDeposits,
}));
const CustomerPolicy = lazy(async () => ({
  default: (await import('../deposits/customer-policy.tsx')).CustomerPolicy,
}));

/** The form's fields, named by their path in the API's body. */
const FIELDS = [
  'taxId',
  'name',
  'email',
  'language',
  'address.line1',
  'address.line2',
  'address.postalCode',
  'address.city',
  'address.province',
  'address.country',
  'taxRegime',
  'dir3.accountingOffice.code',
  'dir3.managementBody.code',
  'dir3.processingUnit.code',
] as const;
const DIR3_UNITS = ['accountingOffice', 'managementBody', 'processingUnit'] as const;
/** "By country" is the API's default language: the field is left out for it. */
const AUTO = 'auto';
const withoutAuto = ({ language, ...body }: Record<string, unknown>) =>
  language === AUTO ? body : { ...body, language };

/** A customer whose three DIR3 codes were all emptied no longer has units: `null` removes them. */
const dir3Cleared =
  (had: boolean) =>
  (body: Record<string, unknown>): Record<string, unknown> =>
    had && body.dir3 === undefined ? { ...body, dir3: null } : body;

/** The lists (not shown now) are fetched again before the page changes: no stale row flashes. */
const refreshCustomers = (queries: QueryClient) =>
  queries.invalidateQueries({ queryKey: CUSTOMERS, refetchType: 'all' });

type MexicoKey = keyof (typeof customersMessages)['es']['mexico'];

/** The area's own strings (messages.ts), loaded with its pages by routes.tsx. */
function useMexicoStrings() {
  const { t } = useTranslation();
  return (key: MexicoKey) => t(`customers.mexico.${key}`);
}

/**
 * SAT's régimen fiscal, as the browser's own select (light, and the phone's native picker for a
 * long list), its error beside it like the form's other fields.
 */
function TaxRegimeSelect({
  defaultValue,
  error,
}: {
  defaultValue: string | undefined;
  error: string | undefined;
}) {
  const mx = useMexicoStrings();
  const id = useId();
  // SAT's list comes with the first Mexican customer, not with every customer form.
  const [regimes, setRegimes] = useState<ReadonlyArray<readonly [string, string]>>();
  useEffect(() => {
    void import('../self-invoicing/sat.ts').then((sat) => setRegimes(sat.TAX_REGIMES));
  }, []);
  // Drawn with its options, so that its default value is one of them.
  if (!regimes) return null;
  return (
    <div className="field">
      <label className="react-aria-Label" htmlFor={id}>
        {mx('taxRegime')}
      </label>
      <select
        id={id}
        name="taxRegime"
        className="input native-select"
        defaultValue={defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      >
        <option value="" disabled>
          {mx('chooseRegime')}
        </option>
        {regimes.map(([code, name]) => (
          <option key={code} value={code} lang="es-MX">
            {code} · {name}
          </option>
        ))}
      </select>
      <span id={`${id}-hint`} className="react-aria-Text" slot="description">
        {mx('taxRegimeHint')}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function CustomerForm({
  customer,
  form,
  tenantCountry,
}: {
  customer?: Customer;
  form: ReturnType<typeof useApiForm>;
  /** A new customer is first taken to be in the tenant's country. */
  tenantCountry?: string | undefined;
}) {
  const { t } = useTranslation();
  const mx = useMexicoStrings();
  // A Mexican buyer (or any customer of a Mexican tenant) is asked what CFDI 4.0 needs of it.
  const [country, setCountry] = useState(
    customer?.address.country ?? (tenantCountry === 'MX' ? 'MX' : 'ES'),
  );
  const mexico = country.trim().toUpperCase() === 'MX';
  const mexicanTenant = tenantCountry === 'MX';
  return (
    <ApiForm form={form}>
      <div
        className="form"
        onInput={(e) => {
          const target = e.target as { name?: string; value?: string };
          if (target.name === 'address.country') setCountry(target.value ?? '');
        }}
      >
        <TextInput
          name="taxId"
          label={mexicanTenant || mexico ? mx('taxId') : t('customers.fields.taxId')}
          description={mexicanTenant || mexico ? mx('taxIdHint') : t('customers.fields.taxIdHint')}
          isRequired
          defaultValue={customer?.taxId}
          className="short"
        />
        <TextInput
          name="name"
          label={t('customers.fields.name')}
          isRequired
          defaultValue={customer?.name}
        />
        <TextInput
          name="email"
          label={t('customers.fields.email')}
          type="email"
          inputMode="email"
          defaultValue={customer?.email}
        />
        <ChoiceField
          name="language"
          label={t('customers.fields.language')}
          defaultValue={customer?.language ?? AUTO}
          options={[
            ...(customer ? [] : [{ id: AUTO, label: t('customers.fields.languageAuto') }]),
            { id: 'es', label: t('language.es'), lang: 'es' },
            { id: 'ca', label: t('language.ca'), lang: 'ca' },
            { id: 'en', label: t('language.en'), lang: 'en' },
          ]}
        />
        <FieldGroup legend={t('customers.fields.address')}>
          <TextInput
            name="address.line1"
            label={t('customers.fields.line1')}
            isRequired
            autoComplete="address-line1"
            defaultValue={customer?.address.line1}
          />
          <TextInput
            name="address.line2"
            label={t('customers.fields.line2')}
            autoComplete="address-line2"
            defaultValue={customer?.address.line2}
          />
          <div className="field-row">
            <TextInput
              name="address.postalCode"
              label={mexico ? mx('postalCode') : t('customers.fields.postalCode')}
              {...(mexico ? { description: mx('postalCodeHint') } : {})}
              isRequired
              autoComplete="postal-code"
              defaultValue={customer?.address.postalCode}
              className="short"
            />
            <TextInput
              name="address.city"
              label={t('customers.fields.city')}
              isRequired
              autoComplete="address-level2"
              defaultValue={customer?.address.city}
            />
          </div>
          <div className="field-row">
            <TextInput
              name="address.province"
              label={t('customers.fields.province')}
              autoComplete="address-level1"
              defaultValue={customer?.address.province}
            />
            <TextInput
              name="address.country"
              label={t('customers.fields.country')}
              description={t('customers.fields.countryHint')}
              isRequired
              autoComplete="country"
              defaultValue={customer?.address.country ?? (mexicanTenant ? 'MX' : 'ES')}
              className="short"
            />
          </div>
        </FieldGroup>
        {country.trim().toUpperCase() === 'ES' ? (
          <FieldGroup legend={t('customers.dir3.legend')}>
            <p className="hint">{t('customers.dir3.intro')}</p>
            {DIR3_UNITS.map((unit) => (
              <TextInput
                key={unit}
                name={`dir3.${unit}.code`}
                label={t(`customers.dir3.${unit}`)}
                defaultValue={customer?.dir3?.[unit].code}
                className="short"
              />
            ))}
          </FieldGroup>
        ) : null}
        {mexico ? (
          <FieldGroup legend={mx('legend')}>
            <p className="hint">{mx('intro')}</p>
            <TaxRegimeSelect defaultValue={customer?.taxRegime} error={form.errors.taxRegime} />
          </FieldGroup>
        ) : null}
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
          <Link className="button secondary" to="/customers">
            {t('form.cancel')}
          </Link>
        </div>
      </div>
    </ApiForm>
  );
}

export function NewCustomerPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const { tenant, country } = useTenantCountry();
  const form = useApiForm({
    schema: CustomerInput,
    fields: FIELDS,
    prepare: withoutAuto,
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/customers', { body }));
      await refreshCustomers(queries);
      navigate('/customers', { state: { created: created.name } });
    },
  });
  return (
    <Page title={t('customers.new')}>
      <section className="card">
        {/* Its country (and the Mexican fields) start as the tenant's: asked first, briefly. */}
        {tenant.isPending ? <Loading /> : <CustomerForm form={form} tenantCountry={country} />}
      </section>
    </Page>
  );
}

function EditCustomer({ customer, etag }: { customer: Customer; etag: string | undefined }) {
  const api = useApi();
  const { country } = useTenantCountry();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const form = useApiForm({
    schema: CustomerPatch,
    fields: FIELDS,
    // A cleared e-mail is removed; the address is sent whole, as it is replaced whole.
    clearable: ['email'],
    prepare: dir3Cleared(Boolean(customer.dir3)),
    submit: async (body) => {
      unwrap(
        await api.PATCH('/v1/customers/{id}', {
          params: { path: { id: customer.id } },
          body,
          // Someone else's change in between answers 412 instead of being overwritten.
          ...(etag ? { headers: { 'if-match': etag } } : {}),
        }),
      );
      await refreshCustomers(queries);
      navigate('/customers', { state: { saved: true } });
    },
  });
  return <CustomerForm customer={customer} form={form} tenantCountry={country} />;
}

export function EditCustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const one = useCustomer(id);
  const canSeeDeposits = useCan('GET /v1/deposits');
  return (
    <Page title={one.data ? one.data.customer.name : t('customers.edit')}>
      <section className="card">
        <QueryState query={one}>
          {(found) => <EditCustomer customer={found.customer} etag={found.etag} />}
        </QueryState>
      </section>
      {canSeeDeposits ? (
        <Suspense fallback={<Loading />}>
          <CustomerDeposits customerId={id} />
          <CustomerPolicy customerId={id} />
        </Suspense>
      ) : null}
    </Page>
  );
}
