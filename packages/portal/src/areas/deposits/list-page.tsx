import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { DepositTable } from './deposit-table.tsx';
import {
  type DepositFilters,
  type DepositStatus,
  useCustomerNames,
  useDeposits,
} from './queries.ts';

const STATUSES: DepositStatus[] = ['uninvoiced', 'invoiced', 'refunded'];
const FILTERS = ['customerId', 'status', 'from', 'to'] as const;

/** The filters as the URL keeps them (a filtered list can be bookmarked and shared). */
function filtersOf(params: URLSearchParams): DepositFilters {
  const filters: DepositFilters = {};
  const status = params.get('status');
  if (status && (STATUSES as string[]).includes(status)) filters.status = status as DepositStatus;
  for (const key of ['customerId', 'from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** Every customer's deposits, newest payment first, by customer, status and payment days. */
export function DepositsListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const filtered = Object.keys(filters).length > 0;
  const list = useDeposits(filters);
  const customers = useCustomerNames();
  const names = new Map(customers.data?.map((c) => [c.id, c.name]));
  const deposits = list.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (form: FormData) => {
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '').trim();
      if (value && value !== 'any') next.set(key, value);
    }
    setParams(next);
  };

  return (
    <Page title={t('deposits.title')}>
      <p className="lead">{t('deposits.lead')}</p>
      <details className="deposits-filters" open={filtered}>
        <summary>{t('deposits.filters')}</summary>
        <Form
          role="search"
          aria-label={t('deposits.filters')}
          key={params.toString()}
          onSubmit={(e) => {
            e.preventDefault();
            apply(new FormData(e.currentTarget));
          }}
        >
          <div className="field">
            <label htmlFor="deposits-customer">{t('deposits.customer')}</label>
            {/* The browser's own select: a long list of names, typed to jump. */}
            <select
              id="deposits-customer"
              className="input"
              name="customerId"
              defaultValue={filters.customerId ?? 'any'}
            >
              <option value="any">{t('deposits.anyCustomer')}</option>
              {customers.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} · {c.taxId}
                </option>
              ))}
            </select>
          </div>
          <ChoiceField
            name="status"
            label={t('deposits.status')}
            defaultValue={filters.status ?? 'any'}
            options={[
              { id: 'any', label: t('deposits.any') },
              ...STATUSES.map((s) => ({ id: s, label: t(`deposits.statuses.${s}`) })),
            ]}
          />
          <div className="deposits-filter-fields">
            <TextField className="field" name="from" type="date" defaultValue={filters.from ?? ''}>
              <Label>{t('deposits.from')}</Label>
              <Input className="input" />
            </TextField>
            <TextField className="field" name="to" type="date" defaultValue={filters.to ?? ''}>
              <Label>{t('deposits.to')}</Label>
              <Input className="input" />
            </TextField>
          </div>
          <div className="form-actions">
            <Button type="submit" className="button primary">
              {t('deposits.apply')}
            </Button>
            {filtered ? (
              <Button className="button secondary" onPress={() => setParams(new URLSearchParams())}>
                {t('deposits.clear')}
              </Button>
            ) : null}
          </div>
        </Form>
      </details>
      <QueryState
        query={list}
        isEmpty={() => deposits.length === 0}
        empty={filtered ? t('deposits.noMatch') : t('deposits.empty')}
      >
        {() => (
          <>
            <DepositTable
              deposits={deposits}
              caption={t('deposits.title')}
              customerName={(id) => names.get(id) ?? id}
            />
            <LoadMore query={list} label={t('deposits.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
