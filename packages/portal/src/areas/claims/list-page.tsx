import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../auth/index.ts';
import { formatDate } from '../../i18n/index.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { useAllCustomers } from '../invoices/queries.ts';
import { useLanguage } from '../invoices/totals.tsx';
import { CLAIM_STATUSES, type ClaimFilters, type ClaimStatus, useClaims } from './queries.ts';

const FILTERS = ['status', 'insurerId', 'plate', 'claimNumber'] as const;

/** The filters as the URL keeps them (a filtered list can be bookmarked and shared). */
function filtersOf(params: URLSearchParams): ClaimFilters {
  const filters: ClaimFilters = {};
  const status = params.get('status');
  if (status && (CLAIM_STATUSES as readonly string[]).includes(status))
    filters.status = status as ClaimStatus;
  for (const key of ['insurerId', 'plate', 'claimNumber'] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return <span className={`badge claim-${status}`}>{t(`claims.statuses.${status}`)}</span>;
}

/** The tenant's claims, newest first, by status, insurer, plate or claim number. */
export function ClaimsListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const filtered = Object.keys(filters).length > 0;
  const list = useClaims(filters);
  const customers = useAllCustomers();
  const names = new Map(customers.data?.map((c) => [c.id, c.name]));
  const claims = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canCreate = useCan('POST /v1/claims');

  const apply = (form: FormData) => {
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '').trim();
      if (value && value !== 'any') next.set(key, value);
    }
    setParams(next);
  };

  return (
    <Page
      title={t('claims.title')}
      actions={
        canCreate ? (
          <Link className="button primary" to="/claims/new">
            {t('claims.new')}
          </Link>
        ) : null
      }
    >
      <p className="lead">{t('claims.lead')}</p>
      <details className="deposits-filters" open={filtered}>
        <summary>{t('claims.filters')}</summary>
        <Form
          role="search"
          aria-label={t('claims.filters')}
          key={params.toString()}
          onSubmit={(e) => {
            e.preventDefault();
            apply(new FormData(e.currentTarget));
          }}
        >
          <ChoiceField
            name="status"
            label={t('claims.status')}
            defaultValue={filters.status ?? 'any'}
            options={[
              { id: 'any', label: t('claims.any') },
              ...CLAIM_STATUSES.map((s) => ({ id: s, label: t(`claims.statuses.${s}`) })),
            ]}
          />
          <div className="field">
            <label htmlFor="claims-insurer">{t('claims.insurer')}</label>
            <select
              id="claims-insurer"
              className="input"
              name="insurerId"
              defaultValue={filters.insurerId ?? 'any'}
            >
              <option value="any">{t('claims.anyInsurer')}</option>
              {customers.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} · {c.taxId}
                </option>
              ))}
            </select>
          </div>
          <div className="deposits-filter-fields">
            <TextField className="field" name="plate" defaultValue={filters.plate ?? ''}>
              <Label>{t('claims.plate')}</Label>
              <Input className="input" />
            </TextField>
            <TextField
              className="field"
              name="claimNumber"
              defaultValue={filters.claimNumber ?? ''}
            >
              <Label>{t('claims.claimNumber')}</Label>
              <Input className="input" />
            </TextField>
          </div>
          <div className="form-actions">
            <Button type="submit" className="button primary">
              {t('claims.apply')}
            </Button>
            {filtered ? (
              <Button className="button secondary" onPress={() => setParams(new URLSearchParams())}>
                {t('claims.clear')}
              </Button>
            ) : null}
          </div>
        </Form>
      </details>
      <QueryState
        query={list}
        isEmpty={() => claims.length === 0}
        empty={filtered ? t('claims.noMatch') : t('claims.empty')}
      >
        {() => (
          <>
            <table className="table claims-table">
              <caption className="visually-hidden">{t('claims.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('claims.claimNumber')}</th>
                  <th scope="col">{t('claims.plate')}</th>
                  <th scope="col" className="wide-only">
                    {t('claims.insurer')}
                  </th>
                  <th scope="col">{t('claims.status')}</th>
                  <th scope="col" className="wide-only">
                    {t('claims.columns.updated')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {claims.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/claims/${encodeURIComponent(c.id)}`}>{c.claimNumber}</Link>
                    </td>
                    <td className="mono">{c.vehicle.plate}</td>
                    <td className="wide-only">{names.get(c.insurerId) ?? ''}</td>
                    <td>
                      <ClaimStatusBadge status={c.status} />
                    </td>
                    <td className="wide-only">{formatDate(c.updatedAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('claims.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
