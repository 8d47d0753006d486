import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatMoney } from '../../i18n/format.ts';
import { isLanguage } from '../../i18n/language.ts';
import { ChoiceField } from '../../ui/choice-field.tsx';
import { Page } from '../../ui/page.tsx';
import { LoadMore, QueryState } from '../../ui/query-state.tsx';
import { type InboxFilters, type InboxStatus, useInbox } from './queries.ts';
import { StatusBadge } from './status-badge.tsx';

const STATUSES: InboxStatus[] = ['received', 'accepted', 'rejected', 'paid'];
const FILTERS = ['status', 'issuerTaxId', 'from', 'to'] as const;

/** The filters as the URL keeps them (so a filtered list can be bookmarked and shared). */
function filtersOf(params: URLSearchParams): InboxFilters {
  const filters: InboxFilters = {};
  const status = params.get('status');
  if (status && (STATUSES as string[]).includes(status)) filters.status = status as InboxStatus;
  for (const key of ['issuerTaxId', 'from', 'to'] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** A recipient's invoices to pay, from every issuer, newest first, with filters. */
export function InboxListPage() {
  const { t, i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : 'es';
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const filtered = Object.keys(filters).length > 0;
  const list = useInbox(filters);
  const entries = list.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (form: FormData) => {
    const next = new URLSearchParams();
    for (const key of FILTERS) {
      const value = String(form.get(key) ?? '').trim();
      if (value && value !== 'any') next.set(key, value);
    }
    setParams(next);
  };

  return (
    <Page title={t('inbox.title')}>
      <p className="lead">{t('inbox.lead')}</p>
      <details className="inbox-filters" open={filtered}>
        <summary>{t('inbox.filters')}</summary>
        <Form
          role="search"
          aria-label={t('inbox.filters')}
          // A new key per URL, so the fields show the filters in force after "clear".
          key={params.toString()}
          onSubmit={(e) => {
            e.preventDefault();
            apply(new FormData(e.currentTarget));
          }}
        >
          <ChoiceField
            name="status"
            label={t('inbox.status')}
            defaultValue={filters.status ?? 'any'}
            options={[
              { id: 'any', label: t('inbox.any') },
              ...STATUSES.map((s) => ({ id: s, label: t(`inbox.statuses.${s}`) })),
            ]}
          />
          <div className="inbox-filter-fields">
            <TextField
              className="field"
              name="issuerTaxId"
              defaultValue={filters.issuerTaxId ?? ''}
            >
              <Label>{t('inbox.issuerTaxId')}</Label>
              <Input className="input" />
            </TextField>
            <TextField className="field" name="from" type="date" defaultValue={filters.from ?? ''}>
              <Label>{t('inbox.from')}</Label>
              <Input className="input" />
            </TextField>
            <TextField className="field" name="to" type="date" defaultValue={filters.to ?? ''}>
              <Label>{t('inbox.to')}</Label>
              <Input className="input" />
            </TextField>
          </div>
          <div className="form-actions">
            <Button type="submit" className="button primary">
              {t('inbox.apply')}
            </Button>
            {filtered ? (
              <Button className="button secondary" onPress={() => setParams(new URLSearchParams())}>
                {t('inbox.clear')}
              </Button>
            ) : null}
          </div>
        </Form>
      </details>
      <QueryState
        query={list}
        isEmpty={() => entries.length === 0}
        empty={filtered ? t('inbox.noMatch') : t('inbox.empty')}
      >
        {() => (
          <>
            <table className="table inbox-table">
              <caption className="visually-hidden">{t('inbox.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.columns.number')}</th>
                  <th scope="col" className="wide-only">
                    {t('inbox.columns.issuer')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('inbox.columns.issueDate')}
                  </th>
                  <th scope="col" className="wide-only">
                    {t('inbox.columns.dueDate')}
                  </th>
                  <th scope="col" className="amount">
                    {t('inbox.columns.total')}
                  </th>
                  <th scope="col">{t('inbox.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link className="inbox-number" to={`/inbox/${encodeURIComponent(e.id)}`}>
                        {e.number ?? t('inbox.draftNumber')}
                      </Link>
                      {/* Narrow screens have no issuer column: it goes under the number. */}
                      <span className="inbox-narrow">{e.issuer.name}</span>
                    </td>
                    <td className="wide-only">{e.issuer.name}</td>
                    <td className="wide-only">{formatDate(e.issueDate, language)}</td>
                    <td className="wide-only">
                      {e.dueDate ? formatDate(e.dueDate, language) : ''}
                    </td>
                    <td className="amount">{formatMoney(e.totals.total, e.currency, language)}</td>
                    <td>
                      <StatusBadge status={e.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={list} label={t('inbox.more')} />
          </>
        )}
      </QueryState>
    </Page>
  );
}
