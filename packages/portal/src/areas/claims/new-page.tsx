import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { unwrap, useApi } from '../../api/index.ts';
import { ApiForm } from '../../forms/api-form.tsx';
import { useApiForm } from '../../forms/use-form.ts';
import { FieldGroup, TextInput } from '../../ui/fields.tsx';
import { Page } from '../../ui/page.tsx';
import { useAllCustomers } from '../invoices/queries.ts';
import { apiSchema } from './api-schema.ts';
import { NativeSelect } from './native-select.tsx';
import { CLAIMS, useCentres } from './queries.ts';

/** The form's fields, named by their path in the API's body. */
const FIELDS = [
  'claimNumber',
  'insurerId',
  'insuredId',
  'policyNumber',
  'vehicle.plate',
  'vehicle.vin',
  'vehicle.make',
  'vehicle.model',
  'centreId',
  'estimate',
] as const;

/** A new claim file: the claim and policy numbers, the two parties, the vehicle and the centre. */
export function NewClaimPage() {
  const { t } = useTranslation();
  const api = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const customers = useAllCustomers();
  const centres = useCentres();
  const form = useApiForm({
    schema: apiSchema('ClaimInput'),
    fields: FIELDS,
    submit: async (body) => {
      const created = unwrap(await api.POST('/v1/claims', { body }));
      await queries.invalidateQueries({ queryKey: CLAIMS });
      navigate(`/claims/${encodeURIComponent(created.id)}`, {
        state: { notice: t('claims.claim.created') },
      });
    },
  });
  const parties = (customers.data ?? []).map((c) => ({
    id: c.id,
    label: `${c.name} · ${c.taxId}`,
  }));
  return (
    <Page title={t('claims.form.title')}>
      <section className="card">
        <ApiForm form={form}>
          <div className="field-row">
            <TextInput name="claimNumber" label={t('claims.claimNumber')} isRequired />
            <TextInput name="policyNumber" label={t('claims.form.policyNumber')} isRequired />
          </div>
          <FieldGroup legend={t('claims.form.parties')}>
            <NativeSelect
              name="insurerId"
              label={t('claims.insurer')}
              options={parties}
              isRequired
              placeholder={t('claims.form.choose')}
              error={form.errors.insurerId}
            />
            <NativeSelect
              name="insuredId"
              label={t('claims.form.insured')}
              options={parties}
              isRequired
              placeholder={t('claims.form.choose')}
              error={form.errors.insuredId}
            />
          </FieldGroup>
          <FieldGroup legend={t('claims.form.vehicle')}>
            <div className="field-row">
              <TextInput
                name="vehicle.plate"
                label={t('claims.plate')}
                isRequired
                className="short"
              />
              <TextInput name="vehicle.vin" label={t('claims.form.vin')} />
            </div>
            <div className="field-row">
              <TextInput name="vehicle.make" label={t('claims.form.make')} />
              <TextInput name="vehicle.model" label={t('claims.form.model')} />
            </div>
          </FieldGroup>
          <NativeSelect
            name="centreId"
            label={t('claims.form.centre')}
            options={(centres.data ?? []).map((c) => ({ id: c.id, label: c.name }))}
            placeholder={t('claims.form.noCentre')}
            error={form.errors.centreId}
          />
          <TextInput name="estimate" label={t('claims.form.estimate')} className="short" />
          <div className="form-actions">
            <Button type="submit" className="button primary" isPending={form.pending}>
              {form.pending ? t('form.saving') : t('claims.form.create')}
            </Button>
            <Link className="button secondary" to="/claims">
              {t('form.cancel')}
            </Link>
          </div>
        </ApiForm>
      </section>
    </Page>
  );
}
