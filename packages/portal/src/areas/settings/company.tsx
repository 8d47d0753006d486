import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { unwrap, useApi } from '../../api/index.ts';
import { useCan } from '../../auth/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { formatDate } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { TAX_REGIMES } from '../self-invoicing/sat.ts';
import { refreshSettings, type Tenant, useTenant } from './queries.ts';
import { Details, NativeSelect, Section } from './widgets.tsx';

const FIELDS = [
  'name',
  'taxId',
  'email',
  'phone',
  'language',
  'timezone',
  'address.line1',
  'address.line2',
  'address.postalCode',
  'address.city',
  'address.province',
  'address.country',
  'taxRegime',
  'expeditionPostalCode',
] as const;

/**
 * The company section's label for `key`: a Mexican tenant reads Mexico's words (RFC, estado,
 * municipio) where they differ, in each language.
 */
function useCompanyLabels(country: string) {
  const { t } = useTranslation();
  const mexico = country === 'MX';
  return (key: string) =>
    t(
      (mexico && MEXICAN_WORDS.has(key)
        ? `settings.company.mx.${key}`
        : `settings.company.${key}`) as 'settings.company.name',
    );
}
const MEXICAN_WORDS = new Set(['taxId', 'taxIdHint', 'taxIdWarning', 'city', 'province']);

/** The régimen's SAT name after its code, and a code outside the short list as it is. */
const regimeLabel = (code: string) => {
  const found = TAX_REGIMES.find(([c]) => c === code);
  return found ? `${code} · ${found[1]}` : code;
};

/** SAT's régimenes, with the tenant's own first kept when the short list lacks it. */
const regimeOptions = (current: string | undefined) =>
  current && !TAX_REGIMES.some(([code]) => code === current)
    ? [
        [current, current] as const,
        ...TAX_REGIMES.map(([code]) => [code, regimeLabel(code)] as const),
      ]
    : TAX_REGIMES.map(([code]) => [code, regimeLabel(code)] as const);

/** Tax ids as the API compares them: case, spaces and dashes are no change. */
const sameTaxId = (a: string, b: string) =>
  a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase();

/**
 * The issuer's own data as invoices print it, changed by `PATCH /v1/tenant` with the version in
 * `If-Match`: a change made meanwhile elsewhere answers 412 and is not overwritten. A new tax id
 * is warned about as it is typed: it must be proven again (the inbox closes until then) and is
 * refused once invoices were issued.
 */
function CompanyForm({ tenant }: { tenant: Tenant }) {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const [saved, setSaved] = useState(false);
  const [taxIdChanged, setTaxIdChanged] = useState(false);
  const c = useCompanyLabels(tenant.address.country);
  const form = useApiForm({
    // The schema (and zod) load with the first edit: a deep link to the section stays light.
    schema: { load: async () => (await import('./schemas.ts')).TenantPatch },
    fields: FIELDS,
    // A cleared telephone is removed; the address is sent whole, as it is replaced whole.
    clearable: ['phone'],
    submit: async (body) => {
      setSaved(false);
      unwrap(
        await api.PATCH('/v1/tenant', { body, headers: { 'if-match': `"v${tenant.version}"` } }),
      );
      await refreshSettings(queries);
      setTaxIdChanged(false);
      setSaved(true);
    },
  });
  const onInput = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'taxId') setTaxIdChanged(!sameTaxId(target.value, tenant.taxId));
  };
  return (
    <>
      <p className="notice" role="status">
        {saved ? t('settings.saved') : ''}
      </p>
      <ApiForm form={form}>
        {/* Once saved, the fields show what the API kept (normalised), not what was typed. */}
        <div key={tenant.version} className="form" onInput={onInput}>
          <TextInput name="name" label={c('name')} isRequired defaultValue={tenant.name} />
          <TextInput
            name="taxId"
            label={c('taxId')}
            description={c('taxIdHint')}
            isRequired
            defaultValue={tenant.taxId}
            className="short"
          />
          <p className="settings-warning" role="status">
            {taxIdChanged ? c('taxIdWarning') : ''}
          </p>
          <TextInput
            name="email"
            label={c('email')}
            description={c('emailHint')}
            type="email"
            inputMode="email"
            isRequired
            defaultValue={tenant.email}
          />
          <TextInput
            name="phone"
            label={c('phone')}
            autoComplete="tel"
            defaultValue={tenant.phone}
            className="short"
          />
          <ChoiceField
            name="language"
            label={c('language')}
            defaultValue={tenant.language}
            options={[
              { id: 'es', label: t('language.es'), lang: 'es' },
              { id: 'ca', label: t('language.ca'), lang: 'ca' },
              { id: 'en', label: t('language.en'), lang: 'en' },
            ]}
          />
          <TextInput
            name="timezone"
            label={c('timezone')}
            description={c('timezoneHint')}
            isRequired
            defaultValue={tenant.timezone}
          />
          <FieldGroup legend={c('address')}>
            <TextInput
              name="address.line1"
              label={c('line1')}
              isRequired
              autoComplete="address-line1"
              defaultValue={tenant.address.line1}
            />
            <TextInput
              name="address.line2"
              label={c('line2')}
              autoComplete="address-line2"
              defaultValue={tenant.address.line2}
            />
            <div className="field-row">
              <TextInput
                name="address.postalCode"
                label={c('postalCode')}
                isRequired
                autoComplete="postal-code"
                defaultValue={tenant.address.postalCode}
                className="short"
              />
              <TextInput
                name="address.city"
                label={c('city')}
                isRequired
                autoComplete="address-level2"
                defaultValue={tenant.address.city}
              />
            </div>
            <div className="field-row">
              <TextInput
                name="address.province"
                label={c('province')}
                autoComplete="address-level1"
                defaultValue={tenant.address.province}
              />
              <TextInput
                name="address.country"
                label={c('country')}
                description={c('countryHint')}
                isRequired
                autoComplete="country"
                defaultValue={tenant.address.country}
                className="short"
              />
            </div>
          </FieldGroup>
          {/* A Mexican issuer's CFDI data: its régimen (SAT's catalog) and the place of issue. */}
          {tenant.address.country === 'MX' ? (
            <FieldGroup legend={c('mexico')}>
              <NativeSelect
                name="taxRegime"
                label={c('taxRegime')}
                description={c('taxRegimeHint')}
                options={regimeOptions(tenant.taxRegime)}
                defaultValue={tenant.taxRegime}
                placeholder={{ label: c('chooseRegime'), selectable: false }}
                error={form.errors.taxRegime}
                lang="es-MX"
              />
              <TextInput
                name="expeditionPostalCode"
                label={c('expeditionPostalCode')}
                description={c('expeditionPostalCodeHint')}
                defaultValue={tenant.expeditionPostalCode}
                className="short"
              />
            </FieldGroup>
          ) : null}
        </div>
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={form.pending}>
            {form.pending ? t('form.saving') : t('form.save')}
          </Button>
        </div>
      </ApiForm>
    </>
  );
}

export function CompanySection() {
  const { t, i18n } = useTranslation();
  const tenant = useTenant();
  const canEdit = useCan('PATCH /v1/tenant');
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const c = useCompanyLabels(tenant.data?.address.country ?? '');
  return (
    <Section title={t('settings.section.company')} intro={c('intro')}>
      {tenant.isPending ? (
        <Loading />
      ) : tenant.isError ? (
        <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />
      ) : (
        <>
          {/* What invoices print now; the form below changes it. */}
          <div className="card">
            <Details
              rows={[
                [c('name'), tenant.data.name],
                [
                  c('taxId'),
                  <span key="taxId" className="mono">
                    {tenant.data.taxId}
                  </span>,
                ],
                [c('email'), tenant.data.email],
                ...(tenant.data.phone ? [[c('phone'), tenant.data.phone] as [string, string]] : []),
                [
                  c('address'),
                  [
                    tenant.data.address.line1,
                    tenant.data.address.line2,
                    `${tenant.data.address.postalCode} ${tenant.data.address.city}`,
                    tenant.data.address.province,
                    tenant.data.address.country,
                  ]
                    .filter(Boolean)
                    .join(', '),
                ],
                ...(tenant.data.address.country === 'MX'
                  ? ([
                      [
                        c('taxRegime'),
                        tenant.data.taxRegime ? (
                          <span key="regime" lang="es-MX">
                            {regimeLabel(tenant.data.taxRegime)}
                          </span>
                        ) : (
                          c('notGiven')
                        ),
                      ],
                      [
                        c('expeditionPostalCode'),
                        tenant.data.expeditionPostalCode ?? c('notGiven'),
                      ],
                    ] as [string, ReactNode][])
                  : []),
                [c('language'), t(`language.${tenant.data.language}`)],
                [c('timezone'), tenant.data.timezone],
                [c('createdAt'), formatDate(tenant.data.createdAt, language)],
              ]}
            />
            {canEdit ? null : <p className="settings-note">{t('settings.readOnly')}</p>}
          </div>
          {canEdit ? (
            <section className="card" aria-labelledby="company-edit">
              <h3 id="company-edit">{c('edit')}</h3>
              <CompanyForm tenant={tenant.data} />
            </section>
          ) : null}
        </>
      )}
    </Section>
  );
}
